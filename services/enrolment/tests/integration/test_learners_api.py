"""The learner records API over HTTP, on real PostgreSQL: what is kept, what leaves through the outbox."""

import json
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from enrolment.bootstrap import EnrolmentSettings, bootstrap

pytestmark = pytest.mark.integration

LAN = {
    "full_name": "Hà Thị Lan",
    "date_of_birth": "1992-03-14",
    "sex": "female",
    "locality_code": "00004",
    "ethnic_group_code": "04",
    "learner_type": "teacher",
    "declared_categories": ["near_poor_household"],
    "email": "lan@example.vn",
    "phone": "0912345678",
    "national_id": "001192000123",
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(start_service) -> AsyncIterator:
    async with start_service(
        EnrolmentSettings, bootstrap, national_id_key="test-national-id-key-0123"
    ) as svc:
        yield svc


def officer(service) -> dict[str, str]:
    return service.token("officer-1", "enrolment-officer", localities=["00004"])


async def register(service, **changes) -> dict:
    response = await service.client.post("/v1/learners", json={**LAN, **changes}, headers=officer(service))
    assert response.status_code == 201, response.text
    return response.json()


async def outbox(service, learner_id: str) -> list[tuple[str, dict]]:
    rows = await service.db.fetch(
        "SELECT event_type, payload FROM outbox WHERE message_key = $1 AND topic NOT LIKE '%learner-contacts'"
        " ORDER BY seq",
        learner_id,
    )
    return [(r["event_type"], json.loads(r["payload"])) for r in rows]


async def test_registering_keeps_personal_data_here_and_announces_dimensions_only(service):
    lan = await register(service, national_id="001192000101")

    assert (lan["full_name"], lan["age_band"], lan["email"]) == ("Hà Thị Lan", "25-54", "lan@example.vn")
    [(event_type, payload)] = await outbox(service, lan["id"])
    assert event_type == "vn.hanoi.learningcity.enrolment.learner.registered.v1"
    assert payload["ethnic_minority"] is True and "woman" in payload["support_categories"]
    leaked = {"Hà Thị Lan", "lan@example.vn", "0912345678", "1992-03-14", "001192000101", "04"}
    assert not leaked & {str(v) for v in payload.values()}


@pytest.mark.parametrize(
    ("change", "field"),
    [({"locality_code": "99999"}, "locality_code"), ({"date_of_birth": "2099-01-01"}, "date_of_birth")],
)
async def test_a_record_that_breaks_a_rule_is_422_naming_the_field_and_writes_nothing(
    service, problem, change, field
):
    before = await service.db.fetchval("SELECT count(*) FROM learners")
    response = await service.client.post("/v1/learners", json={**LAN, **change}, headers=officer(service))

    assert problem(response, 422)["errors"] == [{"loc": ["body", field], "type": "learner-invalid"}]
    assert await service.db.fetchval("SELECT count(*) FROM learners") == before


async def test_a_duplicate_national_id_is_409_without_naming_the_other_record(service, problem):
    first = await register(service, national_id="001192000202")

    response = await service.client.post(
        "/v1/learners", json={**LAN, "national_id": "001-192-000-202"}, headers=officer(service)
    )

    body = problem(response, 409)
    assert first["id"] not in response.text and body["type"].endswith("/learner-duplicate")


async def test_a_learner_reads_only_their_own_record(service, problem):
    lan = await register(service, national_id="001192000303")
    other = service.token("00000000-0000-0000-0000-00000000beef", "learner")

    own = await service.client.get(f"/v1/learners/{lan['id']}", headers=service.token(lan["id"], "learner"))
    theirs = await service.client.get(f"/v1/learners/{lan['id']}", headers=other)

    assert own.status_code == 200 and own.json()["full_name"] == "Hà Thị Lan"
    problem(theirs, 404)
    problem(await service.client.post("/v1/learners", json=LAN, headers=other), 403)


async def test_erasure_empties_personal_data_keeps_dimensions_and_is_announced(service):
    lan = await register(service, national_id="001192000404")

    response = await service.client.delete(f"/v1/learners/{lan['id']}", headers=officer(service))

    body = response.json()
    assert response.status_code == 200 and body["erased"] and body["full_name"] is None
    assert (body["sex"], body["locality_code"]) == ("female", "00004")
    row = await service.db.fetchrow(
        "SELECT full_name, email, national_id_hash FROM learners WHERE id = $1", lan["id"]
    )
    assert tuple(row) == (None, None, None)
    types = [t for t, _ in await outbox(service, lan["id"])]
    assert types[-1] == "vn.hanoi.learningcity.enrolment.learner.erased.v1"
