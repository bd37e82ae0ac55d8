"""Use case: a learner reads their enrolment; nobody else learns it exists, except staff."""

import uuid

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
async def enrolled(enrolment, open_course) -> tuple[str, uuid.UUID]:
    """(enrolment id, learner id) of a fresh confirmed enrolment."""
    learner = uuid.uuid4()
    body = {"course_id": str(await open_course()), "learner_id": str(learner)}
    response = await enrolment.client.post(
        "/v1/enrolments", json=body, headers=enrolment.token(str(learner), "learner")
    )
    return response.json()["id"], learner


async def test_the_learner_reads_their_enrolment(enrolment, enrolled):
    enrolment_id, learner = enrolled

    response = await enrolment.client.get(
        f"/v1/enrolments/{enrolment_id}", headers=enrolment.token(str(learner), "learner")
    )

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["status"]) == (enrolment_id, "confirmed")


async def test_an_officer_reads_any_enrolment(enrolment, enrolled):
    enrolment_id, _ = enrolled

    response = await enrolment.client.get(
        f"/v1/enrolments/{enrolment_id}", headers=enrolment.token("officer-1", "enrolment-officer")
    )

    assert response.status_code == 200


async def test_another_learner_is_told_it_does_not_exist(enrolment, enrolled, problem):
    enrolment_id, _ = enrolled

    response = await enrolment.client.get(
        f"/v1/enrolments/{enrolment_id}", headers=enrolment.token(str(uuid.uuid4()), "learner")
    )

    assert problem(response, 404)["type"].endswith("/not-found")


async def test_an_unknown_enrolment_is_404(enrolment, problem):
    response = await enrolment.client.get(
        f"/v1/enrolments/{uuid.uuid4()}", headers=enrolment.token("officer-1", "enrolment-officer")
    )

    problem(response, 404)


async def test_reading_needs_a_bearer_token(enrolment, enrolled, problem):
    problem(await enrolment.client.get(f"/v1/enrolments/{enrolled[0]}"), 401)
