"""An xAPI statement in, over real Kafka and PostgreSQL: progress in enrolment, activity in reporting."""

import uuid

import pytest
from localinfra.catalogue import COURSE, publish_course_with_offering
from localinfra.polling import eventually
from opentelemetry.trace import SpanKind
from servicekit.http.auth import issue_dev_token

pytestmark = pytest.mark.e2e

HOME = "https://learningcity.hanoi.gov.vn"
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
LEARNER = {
    "full_name": "Lê Thị Hoa",
    "date_of_birth": "1988-07-09",
    "sex": "female",
    "locality_code": "00004",
}


async def enrolled_learner(platform) -> tuple[str, str, str]:
    """A learner enrolled on a scheduled offering: (learner id, offering id, enrolment id)."""
    content, enrolment = platform["content"], platform["enrolment"]
    editor = content.token("ed", "content-editor")
    published = await publish_course_with_offering(
        content.client, {**COURSE, "code": f"XAPI-{uuid.uuid4().hex[:8].upper()}"}, headers=editor
    )
    offering = published.offering
    registered = await enrolment.client.post(
        "/v1/learners", json={**LEARNER, "learner_type": "resident"}, headers=officer(enrolment)
    )
    learner = registered.json()["id"]

    async def enrolled() -> str | None:
        body = {"offering_id": offering, "learner_id": learner}
        response = await enrolment.client.post("/v1/enrolments", json=body, headers=officer(enrolment))
        return response.json()["id"] if response.status_code == 201 else None

    return learner, offering, await eventually(enrolled, timeout=60, interval=0.5)


def officer(enrolment) -> dict[str, str]:
    return enrolment.token("officer-1", "enrolment-officer", localities=["00004"])


def statement(learner: str, offering: str, progress: int) -> dict:
    return {
        "actor": {"account": {"homePage": HOME, "name": learner}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/progressed"},
        "object": {"id": f"{HOME}/offerings/{offering}"},
        "result": {"extensions": {PROGRESS: progress}},
        "timestamp": "2027-03-01T02:15:00Z",
    }


async def post(reporting, body: dict) -> None:
    scopes = ["statements/write"]
    token = issue_dev_token(reporting.running.runtime.settings, "city-lms", ["city-system"], scopes=scopes)
    headers = {"Authorization": f"Bearer {token}", "X-Experience-API-Version": "1.0.3"}
    posted = await reporting.client.post("/xAPI/statements", json=body, headers=headers)
    assert posted.status_code == 200, posted.text


async def progress_reaches(enrolment, enrolment_id: str, percent: int) -> None:
    async def progress() -> int | None:
        response = await enrolment.client.get(f"/v1/enrolments/{enrolment_id}", headers=officer(enrolment))
        return response.json()["progress"] if response.json()["progress"] == percent else None

    assert await eventually(progress, timeout=60, interval=0.5) == percent


async def test_statement_for_a_platform_learner_raises_progress_and_is_counted_as_activity(platform):
    enrolment, reporting = platform["enrolment"], platform["reporting"]
    learner, offering, enrolment_id = await enrolled_learner(platform)
    known = "SELECT count(*) FROM learner_dimensions WHERE learner_id = $1::uuid"
    await eventually(lambda: _positive(reporting.running.db, known, learner), timeout=30, interval=0.5)

    await post(reporting, statement(learner, offering, 50))

    await progress_reaches(enrolment, enrolment_id, 50)
    count = "SELECT count(*) FROM activity_facts WHERE kind = 'learning'"
    assert await eventually(lambda: _positive(reporting.running.db, count), timeout=30, interval=0.5)
    assert_one_trace(platform)


def assert_one_trace(platform) -> None:
    """The statement's HTTP request, the relay's publish of its activity and enrolment's handling of it:
    one trace, chained by parent span ids."""
    reporting, enrolment = platform["reporting"].spans, platform["enrolment"].spans
    [request] = [
        s
        for s in reporting.get_finished_spans()
        if s.kind == SpanKind.SERVER and "/xAPI/statements" in s.name and s.name.startswith("POST")
    ]
    trace_id = request.context.trace_id
    traced = [s for s in reporting.get_finished_spans() if s.context.trace_id == trace_id]
    [publish] = [s for s in traced if s.kind == SpanKind.PRODUCER]
    handled = [
        s
        for s in enrolment.get_finished_spans()
        if s.kind == SpanKind.CONSUMER
        and s.parent is not None
        and s.parent.span_id == publish.context.span_id
    ]
    assert handled, "enrolment handled the activity under the relay's publish span"
    assert {s.context.trace_id for s in handled} == {trace_id}
    handlers = [s for s in enrolment.get_finished_spans() if s.name.startswith("handle")]
    assert any(h.context.trace_id == trace_id for h in handlers), "the progress handler is in the trace"


async def test_a_statement_before_reporting_knows_the_learner_waits_then_raises_progress(platform):
    """Reporting has not seen the learner (its projection row is gone, as if the registration were still on
    its way): the statement is kept, and the learner's next profile event releases it, once."""
    enrolment, reporting = platform["enrolment"], platform["reporting"]
    learner, offering, enrolment_id = await enrolled_learner(platform)
    db, known = reporting.running.db, "SELECT count(*) FROM learner_dimensions WHERE learner_id = $1::uuid"
    await eventually(lambda: _positive(db, known, learner), timeout=30, interval=0.5)
    await db.execute("DELETE FROM learner_dimensions WHERE learner_id = $1::uuid", learner)

    await post(reporting, statement(learner, offering, 70))
    waiting = "SELECT count(*) FROM xapi_statements WHERE waiting_learner = $1::uuid"
    assert await db.fetchval(waiting, learner) == 1
    changed = {"learner_type": "student"}  # a new profile: learner.updated.v1 reaches reporting
    patched = await enrolment.client.patch(
        f"/v1/learners/{learner}", json=changed, headers=officer(enrolment)
    )
    assert patched.status_code == 200, patched.text

    await progress_reaches(enrolment, enrolment_id, 70)
    assert await db.fetchval(waiting, learner) == 0
    announced = "SELECT count(*) FROM outbox WHERE message_key = $1 AND event_type LIKE '%learning_activity%'"
    assert await db.fetchval(announced, learner) == 1


async def _positive(db, sql: str, *args) -> bool:
    return await db.fetchval(sql, *args) > 0
