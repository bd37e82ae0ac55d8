"""Use case: a learner (or an officer for them) takes a place on an open course, or is refused."""

import uuid

import pytest
from servicekit.http.auth import issue_dev_token

pytestmark = pytest.mark.integration

CONFIRMED = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1"


async def enrol(enrolment, course_id, learner_id, headers, **extra):
    body = {"course_id": str(course_id), "learner_id": str(learner_id), **extra}
    return await enrolment.client.post("/v1/enrolments", json=body, headers=headers)


async def written(enrolment) -> tuple[int, int]:
    """Enrolments and outbox rows in the service's database."""
    return tuple(
        await enrolment.db.fetchrow("SELECT (SELECT count(*) FROM enrolments), (SELECT count(*) FROM outbox)")
    )


async def test_a_learner_enrols_themself_and_the_place_and_its_event_are_written_together(
    enrolment, open_course
):
    course_id, learner = await open_course(capacity=10), uuid.uuid4()

    response = await enrol(enrolment, course_id, learner, enrolment.token(str(learner), "learner"))

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["course_id"], body["learner_id"], body["status"]) == (
        str(course_id),
        str(learner),
        "confirmed",
    )
    row = await enrolment.db.fetchrow(
        "SELECT learner_id, status FROM enrolments WHERE id = $1", uuid.UUID(body["id"])
    )
    assert (row["learner_id"], row["status"]) == (learner, "confirmed")
    outbox = await enrolment.db.fetch(
        "SELECT topic, event_type FROM outbox WHERE message_key = $1", body["id"]
    )
    assert [tuple(r) for r in outbox] == [("enrolment.enrolments", CONFIRMED)]
    assert await enrolment.db.fetchval("SELECT confirmed FROM open_courses WHERE id = $1", course_id) == 1


async def test_the_event_carries_the_locality_code(enrolment, open_course):
    course_id, learner = await open_course(), uuid.uuid4()

    response = await enrol(
        enrolment, course_id, learner, enrolment.token(str(learner), "learner"), locality_code="00004"
    )

    payload = await enrolment.db.fetchval(
        "SELECT payload FROM outbox WHERE message_key = $1", response.json()["id"]
    )
    assert b'"locality_code":"00004"' in payload


async def test_a_learner_may_not_enrol_someone_else(enrolment, open_course, problem):
    course_id, before = await open_course(), await written(enrolment)

    response = await enrol(enrolment, course_id, uuid.uuid4(), enrolment.token(str(uuid.uuid4()), "learner"))

    assert problem(response, 403)["type"].endswith("/forbidden")
    assert await written(enrolment) == before


async def test_an_enrolment_officer_may_enrol_a_learner(enrolment, open_course):
    course_id, learner = await open_course(), uuid.uuid4()

    response = await enrol(enrolment, course_id, learner, enrolment.token("officer-1", "enrolment-officer"))

    assert response.status_code == 201 and response.json()["learner_id"] == str(learner)


async def test_enrolling_twice_is_a_conflict_and_writes_nothing(enrolment, open_course, problem):
    course_id, learner = await open_course(capacity=5), uuid.uuid4()
    headers = enrolment.token(str(learner), "learner")
    await enrol(enrolment, course_id, learner, headers)
    before = await written(enrolment)

    again = await enrol(enrolment, course_id, learner, headers)

    assert problem(again, 409)["type"].endswith("/already-enrolled")
    assert await written(enrolment) == before
    assert await enrolment.db.fetchval("SELECT confirmed FROM open_courses WHERE id = $1", course_id) == 1


async def test_a_full_course_is_a_conflict_and_writes_nothing(enrolment, open_course, problem):
    course_id = await open_course(capacity=1)
    officer = enrolment.token("officer-1", "enrolment-officer")
    assert (await enrol(enrolment, course_id, uuid.uuid4(), officer)).status_code == 201
    before = await written(enrolment)

    refused = await enrol(enrolment, course_id, uuid.uuid4(), officer)

    assert problem(refused, 409)["type"].endswith("/course-full")
    assert await written(enrolment) == before


async def test_a_course_not_open_is_404(enrolment, problem):
    learner = uuid.uuid4()

    response = await enrol(enrolment, uuid.uuid4(), learner, enrolment.token(str(learner), "learner"))

    assert problem(response, 404)["type"].endswith("/course-not-open")


async def test_an_invalid_body_is_422_naming_the_fields_but_not_their_values(enrolment, open_course, problem):
    course_id, before = await open_course(), await written(enrolment)
    body = {"course_id": str(course_id), "learner_id": "secret-value", "locality_code": "secret-code"}

    response = await enrolment.client.post(
        "/v1/enrolments", json=body, headers=enrolment.token("officer-1", "enrolment-officer")
    )

    errors = problem(response, 422)["errors"]
    assert {tuple(e["loc"]) for e in errors} == {("body", "learner_id"), ("body", "locality_code")}
    assert "secret-value" not in response.text and "secret-code" not in response.text
    assert await written(enrolment) == before


async def test_enrolling_needs_a_bearer_token(enrolment, problem):
    response = await enrolment.client.post(
        "/v1/enrolments", json={"course_id": str(uuid.uuid4()), "learner_id": str(uuid.uuid4())}
    )

    problem(response, 401)


async def test_an_expired_token_is_refused(enrolment, problem):
    learner = uuid.uuid4()
    expired = issue_dev_token(enrolment.runtime.settings, str(learner), ["learner"], hours=-1)

    response = await enrol(enrolment, uuid.uuid4(), learner, {"Authorization": f"Bearer {expired}"})

    assert "Expired" not in response.text  # generic: the reason is logged at debug level only
    problem(response, 401)


async def test_a_forged_token_is_refused(enrolment, problem):
    headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}

    response = await enrol(enrolment, uuid.uuid4(), uuid.uuid4(), headers)

    problem(response, 401)


@pytest.mark.parametrize("role", ["analyst", "content-editor", "notifications-officer"])
async def test_other_roles_may_not_enrol(enrolment, open_course, problem, role):
    learner = uuid.uuid4()

    response = await enrol(enrolment, await open_course(), learner, enrolment.token(str(learner), role))

    problem(response, 403)


async def test_a_body_over_the_size_limit_is_413(enrolment, problem):
    body = {"course_id": str(uuid.uuid4()), "learner_id": str(uuid.uuid4()), "padding": "x" * 5000}

    response = await enrolment.client.post(
        "/v1/enrolments", json=body, headers=enrolment.token("officer-1", "enrolment-officer")
    )

    problem(response, 413)
