"""The xAPI Statement API on real PostgreSQL: id idempotence, spec checks, version header, scopes."""

import uuid

import pytest
from servicekit.http.auth import issue_dev_token

pytestmark = pytest.mark.integration

V = {"X-Experience-API-Version": "1.0.3"}


def statement(**changes) -> dict:
    return {
        "actor": {"account": {"homePage": "https://learningcity.hanoi.example", "name": str(uuid.uuid4())}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://lms.hanoi.example/courses/first-aid"},
        "timestamp": "2027-03-01T02:15:00Z",
        **changes,
    }


def city(reporting, name: str = "city-lms") -> dict[str, str]:
    scopes = ["statements/write", "statements/read/mine"]
    token = issue_dev_token(reporting.runtime.settings, name, ["city-system"], scopes=scopes)
    return {"Authorization": f"Bearer {token}", **V}


async def stored(reporting, statement_id: str) -> int:
    return await reporting.db.fetchval(
        "SELECT count(*) FROM xapi_statements WHERE id = $1", uuid.UUID(statement_id)
    )


async def test_same_id_and_content_is_accepted_again_and_different_content_is_a_conflict(reporting, problem):
    sid = str(uuid.uuid4())
    first = statement(id=sid)

    put = await reporting.client.put(
        f"/xAPI/statements?statementId={sid}", json=first, headers=city(reporting)
    )
    again = await reporting.client.post("/xAPI/statements", json=[first], headers=city(reporting))
    changed = {**first, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}
    conflict = await reporting.client.post("/xAPI/statements", json=changed, headers=city(reporting))

    assert put.status_code == 204 and put.headers["X-Experience-API-Version"] == "1.0.3"
    assert again.status_code == 200 and again.json() == [sid]
    problem(conflict, 409)
    assert await stored(reporting, sid) == 1
    read = await reporting.client.get(f"/xAPI/statements?statementId={sid}", headers=city(reporting))
    assert (
        read.json()["verb"]["id"].endswith("/completed")
        and read.headers["X-Experience-API-Consistent-Through"]
    )
    other = await reporting.client.get(
        f"/xAPI/statements?statementId={sid}", headers=city(reporting, "other")
    )
    problem(other, 404)  # a city system reads only its own statements


@pytest.mark.parametrize(
    "bad",
    [
        {"actor": None},
        {"verb": None},
        {"verb": {"id": "completed"}},
        {"object": {}},
        {"timestamp": "yesterday"},
        {"result": {"score": {"scaled": 1.5}}},
        {"id": "not-a-uuid"},
    ],
    ids=["no-actor", "no-verb", "verb-not-iri", "no-object", "bad-timestamp", "bad-score", "bad-id"],
)
async def test_a_batch_with_one_invalid_statement_is_refused_whole(reporting, problem, bad):
    good = statement(id=str(uuid.uuid4()))
    response = await reporting.client.post(
        "/xAPI/statements", json=[good, statement(**bad)], headers=city(reporting)
    )

    problem(response, 400)
    assert await stored(reporting, good["id"]) == 0  # nothing half-stored


async def test_version_header_scope_and_body_size_are_enforced(reporting, problem):
    unversioned = {k: v for k, v in city(reporting).items() if k != "X-Experience-API-Version"}
    problem(await reporting.client.post("/xAPI/statements", json=statement(), headers=unversioned), 400)
    version_2 = {**unversioned, "X-Experience-API-Version": "2.0.0"}
    problem(await reporting.client.post("/xAPI/statements", json=statement(), headers=version_2), 400)
    wrong_scope = {**reporting.token("analyst-1", "leader"), **V}
    problem(await reporting.client.post("/xAPI/statements", json=statement(), headers=wrong_scope), 403)
    problem(await reporting.client.post("/xAPI/statements", json=statement(), headers=V), 401)
    oversized = [statement() for _ in range(101)]  # the tests' body limit answers first; see the unit test
    problem(await reporting.client.post("/xAPI/statements", json=oversized, headers=city(reporting)), 413)
    about = await reporting.client.get("/xAPI/about")
    assert about.json() == {"version": ["1.0.3"]}


async def test_a_batch_with_a_conflicting_id_stores_none_of_its_new_statements(reporting, problem):
    first = statement(id=str(uuid.uuid4()))
    await reporting.client.post("/xAPI/statements", json=first, headers=city(reporting))
    new = statement(id=str(uuid.uuid4()))
    clash = {**first, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}

    response = await reporting.client.post("/xAPI/statements", json=[new, clash], headers=city(reporting))

    problem(response, 409)
    assert await stored(reporting, new["id"]) == 0


async def test_one_id_twice_in_a_batch_with_different_content_is_a_conflict(reporting, problem):
    sid = str(uuid.uuid4())
    twice = [
        statement(id=sid),
        {**statement(id=sid), "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}},
    ]

    problem(await reporting.client.post("/xAPI/statements", json=twice, headers=city(reporting)), 409)
    assert await stored(reporting, sid) == 0


async def test_a_statement_is_read_back_as_sent_with_the_time_it_was_stored(reporting):
    sid = str(uuid.uuid4())
    verb = {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"vi-VN": "hoàn thành \U0001f600"}}
    plain, versioned = statement(id=sid, verb=verb), statement(verb=verb, version="1.0.3")

    sent = await reporting.client.post("/xAPI/statements", json=[plain, versioned], headers=city(reporting))
    again = await reporting.client.post("/xAPI/statements", json=plain, headers=city(reporting))

    assert sent.status_code == 200 and again.status_code == 200 and again.json() == [sid]
    for sent_id, body in zip(sent.json(), (plain, versioned), strict=True):
        read = await reporting.client.get(f"/xAPI/statements?statementId={sent_id}", headers=city(reporting))
        assert {k: v for k, v in read.json().items() if k != "stored"} == {**body, "id": sent_id}
        assert read.json()["stored"].startswith("20")
