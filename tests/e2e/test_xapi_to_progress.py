"""An xAPI statement in, over real Kafka and PostgreSQL: progress in enrolment, activity in reporting."""

import pytest
from localinfra.catalogue import COURSE, publish_course_with_offering
from localinfra.polling import eventually

pytestmark = pytest.mark.e2e

HOME = "https://learningcity.hanoi.gov.vn"
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
LEARNER = {
    "full_name": "Lê Thị Hoa",
    "date_of_birth": "1988-07-09",
    "sex": "female",
    "locality_code": "00004",
}


async def test_statement_for_a_platform_learner_raises_progress_and_is_counted_as_activity(platform):
    content, enrolment, reporting = platform["content"], platform["enrolment"], platform["reporting"]
    editor = content.token("ed", "content-editor")
    published = await publish_course_with_offering(
        content.client, {**COURSE, "code": "XAPI-101"}, headers=editor
    )
    offering = published.offering
    officer = enrolment.token("officer-1", "enrolment-officer", localities=["00004"])
    registered = await enrolment.client.post(
        "/v1/learners", json={**LEARNER, "learner_type": "resident"}, headers=officer
    )
    learner = registered.json()["id"]

    async def enrolled() -> str | None:
        body = {"offering_id": offering, "learner_id": learner}
        response = await enrolment.client.post("/v1/enrolments", json=body, headers=officer)
        return response.json()["id"] if response.status_code == 201 else None

    enrolment_id = await eventually(enrolled, timeout=60, interval=0.5)
    statement = {
        "actor": {"account": {"homePage": HOME, "name": learner}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/progressed"},
        "object": {"id": f"{HOME}/offerings/{offering}"},
        "result": {"extensions": {PROGRESS: 50}},
        "timestamp": "2027-03-01T02:15:00Z",
    }
    headers = {**reporting.token("city-lms", "city-system"), "X-Experience-API-Version": "1.0.3"}
    posted = await reporting.client.post("/xAPI/statements", json=statement, headers=headers)
    assert posted.status_code == 200, posted.text

    async def progress() -> int | None:
        response = await enrolment.client.get(f"/v1/enrolments/{enrolment_id}", headers=officer)
        return response.json()["progress"] if response.json()["progress"] == 50 else None

    assert await eventually(progress, timeout=60, interval=0.5) == 50
    count = "SELECT count(*) FROM activity_facts WHERE kind = 'learning'"
    assert await eventually(lambda: _positive(reporting.running.db, count), timeout=30, interval=0.5)


async def _positive(db, sql: str) -> bool:
    return await db.fetchval(sql) > 0
