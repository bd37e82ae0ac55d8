"""The teacher profile API: only for teachers, with the standard and the roadmap; attaining is announced."""

import pytest

from .learner_api import admin, register

pytestmark = pytest.mark.integration

BELOW = {"level": "primary", "qualification": "college_pedagogy", "retires_on": "2045-06-30"}


async def attained(enrolment, learner_id: str) -> int:
    return await enrolment.db.fetchval(
        "SELECT count(*) FROM outbox WHERE message_key = $1 AND event_type LIKE '%standard_attained%'",
        learner_id,
    )


async def test_a_teacher_below_standard_is_eligible_and_attaining_it_is_announced(enrolment):
    teacher = await register(enrolment)
    url, headers = f"/v1/learners/{teacher['id']}/teacher-profile", admin(enrolment)

    below = await enrolment.client.put(url, json=BELOW, headers=headers)
    assert below.status_code == 200, below.text
    assert (below.json()["meets_standard"], below.json()["roadmap_eligible"]) == (False, True)
    assert "bachelor_pedagogy" in below.json()["required_qualifications"]
    assert await attained(enrolment, teacher["id"]) == 0

    met = await enrolment.client.put(
        url, json={**BELOW, "qualification": "bachelor_pedagogy"}, headers=headers
    )
    again = await enrolment.client.put(
        url, json={**BELOW, "qualification": "postgraduate_pedagogy"}, headers=headers
    )

    assert met.json()["meets_standard"] and not met.json()["roadmap_eligible"] and again.status_code == 200
    assert await attained(enrolment, teacher["id"]) == 1  # once: from below to meeting it
    read = await enrolment.client.get(url, headers=enrolment.token(teacher["id"], "learner"))
    assert read.json()["qualification"] == "postgraduate_pedagogy"


async def test_a_learner_who_is_not_a_teacher_gets_422(enrolment, problem):
    resident = await register(enrolment, learner_type="resident")

    response = await enrolment.client.put(
        f"/v1/learners/{resident['id']}/teacher-profile", json=BELOW, headers=admin(enrolment)
    )

    body = problem(response, 422)
    assert body["errors"] == [{"loc": ["body", "learner_type"], "type": "teacher-profile-invalid"}]


async def test_a_teacher_without_a_profile_is_404(enrolment, problem):
    teacher = await register(enrolment)

    problem(
        await enrolment.client.get(f"/v1/learners/{teacher['id']}/teacher-profile", headers=admin(enrolment)),
        404,
    )
