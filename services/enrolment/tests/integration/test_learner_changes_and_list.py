"""Changing a learner record (PATCH) and listing learners with filters and a keyset cursor."""

import json
import uuid

import pytest

from .learner_api import ELSEWHERE, HOME, admin, register, staff

pytestmark = pytest.mark.integration


async def announced(enrolment, learner_id: str) -> list[str]:
    rows = await enrolment.db.fetch(
        "SELECT event_type FROM outbox WHERE message_key = $1 ORDER BY seq", learner_id
    )
    return [r["event_type"].removeprefix("vn.hanoi.learningcity.enrolment.") for r in rows]


async def test_a_move_announces_new_dimensions_and_a_contact_change_the_contacts(enrolment):
    lan = await register(enrolment)
    url, headers = f"/v1/learners/{lan['id']}", admin(enrolment)

    moved = await enrolment.client.patch(url, json={"locality_code": ELSEWHERE}, headers=headers)
    renamed = await enrolment.client.patch(url, json={"full_name": "Hà Thị Lan Anh"}, headers=headers)
    reached = await enrolment.client.patch(url, json={"email": None, "consent": ["sms"]}, headers=headers)

    assert moved.json()["locality_code"] == ELSEWHERE and renamed.json()["full_name"] == "Hà Thị Lan Anh"
    assert reached.json()["email"] is None
    assert (await announced(enrolment, lan["id"]))[2:] == [
        "learner.updated.v1",  # the move; the new name is not a dimension, so nothing for it
        "learner_contacts.changed.v1",
    ]
    row = await enrolment.db.fetchrow(
        "SELECT payload FROM outbox WHERE message_key = $1 ORDER BY seq DESC", lan["id"]
    )
    assert json.loads(row["payload"])["consent"] == ["sms"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date_of_birth": "2099-01-01"}, "date_of_birth"),
        ({"locality_code": "99999"}, "locality_code"),
        ({"ethnic_group_code": "77"}, "ethnic_group_code"),
        ({"email": "not-an-address"}, "email"),
    ],
)
async def test_a_change_that_breaks_a_rule_is_422_naming_the_field_and_keeps_the_record(
    enrolment, problem, change, field
):
    lan = await register(enrolment)

    response = await enrolment.client.patch(
        f"/v1/learners/{lan['id']}", json=change, headers=admin(enrolment)
    )

    assert problem(response, 422)["errors"] == [{"loc": ["body", field], "type": "learner-invalid"}]
    kept = await enrolment.client.get(f"/v1/learners/{lan['id']}", headers=admin(enrolment))
    assert kept.json() == lan


async def test_an_unknown_field_in_a_change_is_422(enrolment, problem):
    lan = await register(enrolment)

    response = await enrolment.client.patch(
        f"/v1/learners/{lan['id']}", json={"nickname": "L"}, headers=admin(enrolment)
    )

    assert problem(response, 422)["errors"][0]["loc"] == ["body", "nickname"]


async def test_the_list_filters_by_dimensions_and_pages_with_an_opaque_cursor(enrolment):
    place = "00025"  # a locality no other test of this module uses
    women = [await register(enrolment, locality_code=place) for _ in range(3)]
    await register(enrolment, locality_code=place, sex="male", learner_type="resident")
    headers = staff(enrolment, "centre-staff", place)

    seen, cursor = [], None
    for _ in range(3):
        query = {"sex": "female", "learner_type": "teacher", "support_category": "woman", "limit": 2}
        response = await enrolment.client.get(
            "/v1/learners", params={**query, **({"cursor": cursor} if cursor else {})}, headers=headers
        )
        page = response.json()
        seen += [learner["id"] for learner in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert str(uuid.UUID(seen[-1])) not in cursor  # opaque: not the raw id

    assert sorted(seen) == sorted(w["id"] for w in women) and len(seen) == 3


async def test_the_list_filters_by_locality_and_registration_day(enrolment):
    place = "00070"
    mine = await register(enrolment, locality_code=place)

    today = await enrolment.client.get(
        "/v1/learners",
        params={"locality_code": place, "registered_since": "2000-01-01"},
        headers=admin(enrolment),
    )
    future = await enrolment.client.get(
        "/v1/learners",
        params={"locality_code": place, "registered_since": "2999-01-01"},
        headers=admin(enrolment),
    )

    assert [learner["id"] for learner in today.json()["items"]] == [mine["id"]]
    assert future.json()["items"] == []


async def test_area_staff_list_only_their_localities_learners(enrolment):
    await register(enrolment, locality_code=HOME)
    await register(enrolment, locality_code=ELSEWHERE)

    response = await enrolment.client.get(
        "/v1/learners", params={"limit": 200}, headers=staff(enrolment, "centre-staff", HOME)
    )

    assert {learner["locality_code"] for learner in response.json()["items"]} == {HOME}


async def test_a_forged_cursor_is_422_on_the_cursor(enrolment, problem):
    response = await enrolment.client.get(
        "/v1/learners", params={"cursor": "bm90LWEtY3Vyc29y"}, headers=admin(enrolment)
    )

    assert problem(response, 422)["errors"] == [{"loc": ["query", "cursor"], "type": "cursor-invalid"}]
