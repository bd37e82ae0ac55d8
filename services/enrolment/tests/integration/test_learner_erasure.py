"""Erasure forgets all personal data enrolment holds on a learner, not only their row (real PostgreSQL)."""

import pytest

from .learner_api import admin, register

pytestmark = pytest.mark.integration

BELOW = {"level": "primary", "qualification": "college_pedagogy", "retires_on": "2045-06-30"}


async def test_erasure_deletes_the_teacher_profile(enrolment, problem):
    teacher = await register(enrolment)
    url, headers = f"/v1/learners/{teacher['id']}/teacher-profile", admin(enrolment)
    assert (await enrolment.client.put(url, json=BELOW, headers=headers)).status_code == 200

    erased = await enrolment.client.delete(f"/v1/learners/{teacher['id']}", headers=headers)

    assert erased.status_code == 200 and erased.json()["erased"]
    rows = await enrolment.db.fetchval(
        "SELECT count(*) FROM teacher_profiles WHERE learner_id = $1", erased.json()["id"]
    )
    assert rows == 0
    problem(await enrolment.client.get(url, headers=headers), 404)


async def test_erasure_forgets_the_sensitive_categories_on_the_learners_enrolments(enrolment, offering):
    lan = await register(enrolment, declared_categories=["disability"])
    body = {"offering_id": str(await offering(capacity=5)), "learner_id": lan["id"]}
    place = await enrolment.client.post("/v1/enrolments", json=body, headers=admin(enrolment))
    assert place.status_code == 201, place.text

    await enrolment.client.delete(f"/v1/learners/{lan['id']}", headers=admin(enrolment))

    row = await enrolment.db.fetchrow(
        "SELECT ethnic_minority, support_categories, sex, locality_code FROM enrolments WHERE id = $1",
        place.json()["id"],
    )
    assert (row["ethnic_minority"], row["support_categories"]) == (False, [])
    assert (row["sex"], row["locality_code"]) == ("female", "00004")  # the anonymous dimensions stay
