"""Enrolling on an offering over HTTP on real PostgreSQL: decided from the learner's record, refused with
the reason, and announced through the outbox in the same transaction."""

import json
import uuid

import pytest

pytestmark = pytest.mark.integration

ENROLMENT_TYPE = "vn.hanoi.learningcity.enrolment.enrolment."


async def enrol(enrolment, offering_id, learner_id, headers=None, **extra):
    body = {"offering_id": str(offering_id), "learner_id": str(learner_id), **extra}
    headers = headers or enrolment.token("officer-1", "enrolment-officer", localities=["00004"])
    return await enrolment.client.post("/v1/enrolments", json=body, headers=headers)


async def outbox(enrolment, enrolment_id: str) -> list[tuple[str, dict]]:
    rows = await enrolment.db.fetch(
        "SELECT event_type, payload FROM outbox WHERE message_key = $1 ORDER BY seq", enrolment_id
    )
    return [
        (r["event_type"].removeprefix("vn.hanoi.learningcity.enrolment."), json.loads(r["payload"]))
        for r in rows
    ]


async def written(enrolment) -> tuple[int, int]:
    sql = "SELECT (SELECT count(*) FROM enrolments), (SELECT count(*) FROM outbox)"
    return tuple(await enrolment.db.fetchrow(sql))


async def test_a_learner_enrols_themself_and_the_dimensions_come_from_their_record(
    enrolment, offering, learner
):
    offering_id, me = await offering(capacity=10), await learner(sex="female", locality_code="00004")

    response = await enrolment.client.post(
        "/v1/enrolments", json={"offering_id": str(offering_id)}, headers=enrolment.token(str(me), "learner")
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["learner_id"], body["offering_id"], body["status"]) == (
        str(me),
        str(offering_id),
        "confirmed",
    )
    row = await enrolment.db.fetchrow(
        "SELECT sex, locality_code, age FROM enrolments WHERE id = $1", uuid.UUID(body["id"])
    )
    assert tuple(row) == ("female", "00004", 36)  # aged 36 on the offering's start date, 2027-03-01
    events = await outbox(enrolment, body["id"])
    assert [t for t, _ in events] == ["enrolment.confirmed.v2"]  # one confirmation per place (v1 retired)
    v2 = events[0][1]
    assert (v2["offering_id"], v2["sex"], v2["locality_code"], v2["learner_id"]) == (
        str(offering_id),
        "female",
        "00004",
        str(me),
    )
    assert "woman" in v2["support_categories"] and "full_name" not in v2 and "date_of_birth" not in v2


async def test_a_locality_typed_in_the_request_is_refused_and_nothing_is_written(
    enrolment, offering, learner, problem
):
    offering_id, someone = await offering(), await learner()
    before = await written(enrolment)

    response = await enrol(enrolment, offering_id, someone, locality_code="00007")

    assert problem(response, 422)["errors"][0]["loc"] == ["body", "locality_code"]
    assert await written(enrolment) == before


async def test_a_full_offering_waitlists_and_never_exceeds_capacity(enrolment, offering, learner):
    offering_id = await offering(capacity=1)
    first, second = await learner(), await learner()

    statuses = [(await enrol(enrolment, offering_id, who)).json()["status"] for who in (first, second)]

    assert statuses == ["confirmed", "waitlisted"]
    assert await enrolment.db.fetchval("SELECT confirmed FROM offerings WHERE id = $1", offering_id) == 1


@pytest.mark.parametrize("status", ["closed", "cancelled", "retired"])
async def test_an_offering_not_open_is_a_conflict(enrolment, offering, learner, problem, status):
    offering_id = await offering(capacity=5, status=status)

    response = await enrol(enrolment, offering_id, await learner())

    assert problem(response, 409)["type"].endswith("/offering-closed")


async def test_an_ineligible_learner_gets_422_naming_the_rule(enrolment, offering, learner, problem):
    offering_id = await offering(audience=[{"rule": "age_between", "min_age": 15, "max_age": 18}])
    adult = await learner(date_of_birth="1990-05-01")
    before = await written(enrolment)

    response = await enrol(enrolment, offering_id, adult)

    body = problem(response, 422)
    assert body["type"].endswith("/not-eligible") and body["rule"] == "age"
    assert await written(enrolment) == before


async def test_enrolling_twice_is_a_conflict_and_writes_nothing(enrolment, offering, learner, problem):
    offering_id, someone = await offering(capacity=5), await learner()
    await enrol(enrolment, offering_id, someone)
    before = await written(enrolment)

    again = await enrol(enrolment, offering_id, someone)

    assert problem(again, 409)["type"].endswith("/already-enrolled")
    assert await written(enrolment) == before


async def test_unknown_and_erased_learners_and_unknown_offerings(enrolment, offering, learner, problem):
    offering_id, gone = await offering(), await learner()
    officer = enrolment.token("officer-1", "enrolment-officer", localities=["00004"])
    assert (await enrolment.client.delete(f"/v1/learners/{gone}", headers=officer)).status_code == 200

    assert problem(await enrol(enrolment, offering_id, uuid.uuid4()), 404)["type"].endswith(
        "/learner-not-found"
    )
    assert problem(await enrol(enrolment, offering_id, gone), 409)["type"].endswith("/learner-erased")
    assert problem(await enrol(enrolment, uuid.uuid4(), gone), 404)["type"].endswith("/offering-not-found")


async def test_a_learner_may_not_enrol_someone_else(enrolment, offering, learner, problem):
    offering_id, other = await offering(), await learner()

    response = await enrol(enrolment, offering_id, other, enrolment.token(str(uuid.uuid4()), "learner"))

    assert problem(response, 403)["type"].endswith("/forbidden")


async def test_a_supported_learner_is_granted_benefits_on_confirmation(enrolment, offering, learner):
    offering_id, poor = await offering(capacity=3), await learner(declared_categories=["poor_household"])

    response = await enrol(enrolment, offering_id, poor)

    enrolment_id = response.json()["id"]
    grants = await enrolment.db.fetch(
        "SELECT benefit, legal_basis FROM support_grants WHERE enrolment_id = $1 ORDER BY benefit",
        uuid.UUID(enrolment_id),
    )
    assert [tuple(g) for g in grants] == [
        ("fee_waiver", "Decree 238/2025/ND-CP"),
        ("study_cost_support", "Decree 238/2025/ND-CP"),
    ]
    granted = [p for t, p in await outbox(enrolment, enrolment_id) if t == "support.granted.v1"]
    assert sorted(g["benefit"] for g in granted) == ["fee_waiver", "study_cost_support"]


async def test_an_invalid_body_is_422_naming_the_fields_but_not_their_values(enrolment, problem):
    before = await written(enrolment)
    body = {"offering_id": "secret-value", "learner_id": "another-secret"}

    response = await enrolment.client.post(
        "/v1/enrolments",
        json=body,
        headers=enrolment.token("officer-1", "enrolment-officer", localities=["00004"]),
    )

    errors = problem(response, 422)["errors"]
    assert {tuple(e["loc"]) for e in errors} == {("body", "offering_id"), ("body", "learner_id")}
    assert "secret-value" not in response.text and "another-secret" not in response.text
    assert await written(enrolment) == before


async def test_enrolling_needs_a_valid_bearer_token_and_a_role_that_may(
    enrolment, offering, learner, problem
):
    offering_id, someone = await offering(), await learner()
    body = {"offering_id": str(offering_id), "learner_id": str(someone)}
    forged = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}

    problem(await enrolment.client.post("/v1/enrolments", json=body), 401)
    problem(await enrolment.client.post("/v1/enrolments", json=body, headers=forged), 401)
    for role in ("analyst", "content-editor", "city-system"):
        headers = enrolment.token(str(someone), role)
        problem(await enrolment.client.post("/v1/enrolments", json=body, headers=headers), 403)
