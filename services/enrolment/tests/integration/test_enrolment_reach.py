"""Locality-scoped staff on enrolments: their localities' only, another's is a 404 (real PostgreSQL)."""

import uuid

import pytest

from .learner_api import ELSEWHERE, HOME, admin, register, staff

pytestmark = pytest.mark.integration
AREA_ROLES = ["centre-staff", "district-officer", "enrolment-officer"]


async def enrolled(enrolment, offering_id, locality: str) -> dict:
    learner = await register(enrolment, locality_code=locality)
    body = {"offering_id": str(offering_id), "learner_id": learner["id"]}
    response = await enrolment.client.post("/v1/enrolments", json=body, headers=admin(enrolment))
    assert response.status_code == 201, response.text
    return response.json()


async def two_places(enrolment, offering) -> tuple[uuid.UUID, dict, dict]:
    offering_id = await offering(capacity=10)
    return (
        offering_id,
        await enrolled(enrolment, offering_id, HOME),
        await enrolled(enrolment, offering_id, ELSEWHERE),
    )


@pytest.mark.parametrize("role", AREA_ROLES)
async def test_area_staff_read_and_list_only_their_localitys_enrolments(enrolment, offering, problem, role):
    offering_id, mine, theirs = await two_places(enrolment, offering)
    headers = staff(enrolment, role, HOME)

    listed = await enrolment.client.get(
        "/v1/enrolments", params={"offering_id": str(offering_id)}, headers=headers
    )
    read = await enrolment.client.get(f"/v1/enrolments/{mine['id']}", headers=headers)
    hidden = await enrolment.client.get(f"/v1/enrolments/{theirs['id']}", headers=headers)
    unknown = await enrolment.client.get(f"/v1/enrolments/{uuid.uuid4()}", headers=headers)

    assert [e["id"] for e in listed.json()["items"]] == [mine["id"]]
    assert read.status_code == 200 and read.json()["id"] == mine["id"]
    assert problem(hidden, 404) == problem(unknown, 404)  # another locality's enrolment is not revealed


@pytest.mark.parametrize("role", AREA_ROLES)
async def test_area_staff_cannot_change_another_localitys_enrolment(enrolment, offering, problem, role):
    _, mine, theirs = await two_places(enrolment, offering)
    headers = staff(enrolment, role, HOME)
    url = f"/v1/enrolments/{theirs['id']}"

    problem(await enrolment.client.post(f"{url}/progress", json={"percent": 40}, headers=headers), 404)
    problem(await enrolment.client.post(f"{url}/complete", json={"outcome": "passed"}, headers=headers), 404)
    problem(await enrolment.client.post(f"{url}/drop", headers=headers), 404)
    problem(await enrolment.client.post(f"{url}/withdraw", headers=headers), 404)
    untouched = (await enrolment.client.get(url, headers=admin(enrolment))).json()
    assert (untouched["status"], untouched["progress"]) == (theirs["status"], 0)
    moved = await enrolment.client.post(
        f"/v1/enrolments/{mine['id']}/progress", json={"percent": 40}, headers=headers
    )
    assert moved.status_code == 200 and moved.json()["progress"] == 40


async def test_area_staff_cannot_enrol_another_localitys_learner(enrolment, offering, problem):
    offering_id, theirs = await offering(capacity=10), await register(enrolment, locality_code=ELSEWHERE)
    body = {"offering_id": str(offering_id), "learner_id": theirs["id"]}

    refused = await enrolment.client.post(
        "/v1/enrolments", json=body, headers=staff(enrolment, "centre-staff", HOME)
    )

    problem(refused, 404)
    listed = await enrolment.client.get(
        "/v1/enrolments", params={"offering_id": str(offering_id)}, headers=admin(enrolment)
    )
    assert listed.json()["items"] == []


async def test_an_officer_without_a_locality_sees_no_enrolment(enrolment, offering, problem):
    offering_id, mine, _ = await two_places(enrolment, offering)
    headers = staff(enrolment, "district-officer")

    problem(await enrolment.client.get(f"/v1/enrolments/{mine['id']}", headers=headers), 404)
    listed = await enrolment.client.get(
        "/v1/enrolments", params={"offering_id": str(offering_id)}, headers=headers
    )
    assert listed.json()["items"] == []


async def test_area_staff_see_the_dashboard_of_their_localitys_learners_only(enrolment, offering, problem):
    _, mine, theirs = await two_places(enrolment, offering)
    headers = staff(enrolment, "centre-staff", HOME)

    ok = await enrolment.client.get(f"/v1/learners/{mine['learner_id']}/dashboard", headers=headers)
    hidden = await enrolment.client.get(f"/v1/learners/{theirs['learner_id']}/dashboard", headers=headers)

    assert ok.status_code == 200 and [e["id"] for e in ok.json()["enrolments"]] == [mine["id"]]
    problem(hidden, 404)


async def test_a_department_admin_reaches_every_localitys_enrolment(enrolment, offering):
    offering_id, mine, theirs = await two_places(enrolment, offering)

    listed = await enrolment.client.get(
        "/v1/enrolments", params={"offering_id": str(offering_id)}, headers=admin(enrolment)
    )

    assert [e["id"] for e in listed.json()["items"]] == [mine["id"], theirs["id"]]
