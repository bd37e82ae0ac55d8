"""Who may see and change which learner records: own, their localities', all, or none (real PostgreSQL)."""

import uuid

import pytest

from .learner_api import ELSEWHERE, HOME, LAN, admin, register, staff

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("role", ["centre-staff", "district-officer"])
async def test_area_staff_read_learners_of_their_locality_and_get_404_for_others(enrolment, problem, role):
    mine, theirs = await register(enrolment), await register(enrolment, locality_code=ELSEWHERE)
    headers = staff(enrolment, role, HOME)

    assert (await enrolment.client.get(f"/v1/learners/{mine['id']}", headers=headers)).status_code == 200
    hidden = await enrolment.client.get(f"/v1/learners/{theirs['id']}", headers=headers)
    unknown = await enrolment.client.get(f"/v1/learners/{uuid.uuid4()}", headers=headers)
    assert problem(hidden, 404) == problem(unknown, 404)  # another area's learner is not revealed


async def test_area_staff_cannot_change_or_erase_another_localitys_learner(enrolment, problem):
    theirs = await register(enrolment, locality_code=ELSEWHERE)
    headers = staff(enrolment, "centre-staff", HOME)
    url = f"/v1/learners/{theirs['id']}"

    problem(await enrolment.client.patch(url, json={"full_name": "X"}, headers=headers), 404)
    problem(await enrolment.client.delete(url, headers=headers), 404)
    still = await enrolment.client.get(url, headers=admin(enrolment))
    assert still.json()["full_name"] == LAN["full_name"] and not still.json()["erased"]


async def test_area_staff_register_only_in_their_localities(enrolment, problem):
    headers = staff(enrolment, "district-officer", HOME)

    ok = await enrolment.client.post("/v1/learners", json=LAN, headers=headers)
    away = await enrolment.client.post(
        "/v1/learners", json={**LAN, "locality_code": ELSEWHERE}, headers=headers
    )

    assert ok.status_code == 201
    assert problem(away, 403)["errors"] == [
        {"loc": ["body", "locality_code"], "type": "learner-out-of-reach"}
    ]


async def test_an_officer_without_a_locality_sees_nothing(enrolment, problem):
    learner = await register(enrolment)
    headers = staff(enrolment, "district-officer")

    problem(await enrolment.client.get(f"/v1/learners/{learner['id']}", headers=headers), 404)
    listed = await enrolment.client.get("/v1/learners", headers=headers)
    assert listed.status_code == 200 and listed.json()["items"] == []


async def test_a_department_admin_reads_every_locality(enrolment):
    theirs = await register(enrolment, locality_code=ELSEWHERE)

    response = await enrolment.client.get(f"/v1/learners/{theirs['id']}", headers=admin(enrolment))

    assert response.status_code == 200


async def test_a_learner_reads_and_changes_only_their_own_record(enrolment, problem):
    lan, other = await register(enrolment), await register(enrolment)
    own = enrolment.token(lan["id"], "learner")

    changed = await enrolment.client.patch(f"/v1/learners/{lan['id']}", json={"language": "en"}, headers=own)
    assert changed.status_code == 200 and changed.json()["language"] == "en"
    problem(await enrolment.client.get(f"/v1/learners/{other['id']}", headers=own), 404)
    problem(await enrolment.client.get("/v1/learners", headers=own), 403)


async def test_a_city_system_has_no_access_to_the_learner_api(enrolment, problem):
    learner = await register(enrolment)
    system = enrolment.token("city-lms", "city-system")

    problem(await enrolment.client.get(f"/v1/learners/{learner['id']}", headers=system), 403)
    problem(await enrolment.client.get("/v1/learners", headers=system), 403)
    problem(await enrolment.client.post("/v1/learners", json=LAN, headers=system), 403)
