"""xAPI GET /xAPI/statements with the standard filters on real PostgreSQL: StatementResult, `more`, paging."""

import json
import uuid
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from servicekit.http.auth import issue_dev_token

pytestmark = pytest.mark.integration

V = {"X-Experience-API-Version": "1.0.3"}
SCOPES = ["statements/write", "statements/read/mine"]
COMPLETED, FAILED = "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/failed"


def city(reporting, name: str) -> dict[str, str]:
    token = issue_dev_token(reporting.runtime.settings, name, ["city-system"], scopes=SCOPES)
    return {"Authorization": f"Bearer {token}", **V}


def account(name: str) -> dict:
    return {"account": {"homePage": "https://lms.hanoi.example", "name": name}}


def statement(actor: dict, verb: str = COMPLETED, activity: str = "https://lms.hanoi.example/a/1") -> dict:
    return {"actor": actor, "verb": {"id": verb}, "object": {"id": activity}, "id": str(uuid.uuid4())}


async def query(reporting, headers: dict[str, str], **params) -> tuple[list[dict], str, object]:
    response = await reporting.client.get("/xAPI/statements", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    body = response.json()
    return body["statements"], body["more"], response.headers["X-Experience-API-Consistent-Through"]


async def test_filters_by_agent_verb_activity_and_registration_and_only_the_callers_own(reporting):
    me, headers = f"lms-{uuid.uuid4().hex[:6]}", None
    headers = city(reporting, me)
    ann, bob = account("ann"), account("bob")
    registration = str(uuid.uuid4())
    sent = [
        statement(ann),
        statement(ann, FAILED),
        statement(bob, activity="https://lms.hanoi.example/a/2"),
        {**statement(bob), "context": {"registration": registration}},
    ]
    assert (await reporting.client.post("/xAPI/statements", json=sent, headers=headers)).status_code == 200
    other = city(reporting, f"other-{me}")
    await reporting.client.post("/xAPI/statements", json=statement(ann), headers=other)

    by_agent, more, _ = await query(reporting, headers, agent=json.dumps(ann))
    by_verb, _, _ = await query(reporting, headers, verb=FAILED)
    by_activity, _, _ = await query(reporting, headers, activity="https://lms.hanoi.example/a/2")
    by_both, _, _ = await query(reporting, headers, agent=json.dumps(bob), verb=COMPLETED)
    by_registration, _, _ = await query(reporting, headers, registration=registration)

    assert {s["id"] for s in by_agent} == {sent[0]["id"], sent[1]["id"]} and more == ""
    assert [s["id"] for s in by_verb] == [sent[1]["id"]]
    assert [s["id"] for s in by_activity] == [sent[2]["id"]]
    assert {s["id"] for s in by_both} == {sent[2]["id"], sent[3]["id"]}
    assert [s["id"] for s in by_registration] == [sent[3]["id"]]
    assert all("stored" in s for s in by_agent)


async def test_paging_through_all_with_more_gives_each_statement_once_in_order(reporting):
    me = f"lms-{uuid.uuid4().hex[:6]}"
    headers = city(reporting, me)
    sent = [statement(account(f"p{i}")) for i in range(7)]
    for batch in (sent[:3], sent[3:]):  # two stored times
        posted = await reporting.client.post("/xAPI/statements", json=batch, headers=headers)
        assert posted.status_code == 200

    seen, params, pages = [], {"limit": "3", "ascending": "true"}, 0
    while True:
        statements, more, _ = await query(reporting, headers, **params)
        seen += statements
        pages += 1
        if not more:
            break
        assert urlsplit(more).path == "/xAPI/statements"
        params = {k: v[0] for k, v in parse_qs(urlsplit(more).query).items()}
    newest_first, _, _ = await query(reporting, headers)

    assert pages == 3 and sorted(s["id"] for s in seen) == sorted(s["id"] for s in sent)
    stored = [(s["stored"], s["id"]) for s in seen]
    assert stored == sorted(stored)
    assert [s["id"] for s in newest_first] == [s["id"] for s in reversed(seen)]


async def test_since_and_until_bound_the_stored_time_and_consistent_through_is_a_time(reporting):
    headers = city(reporting, f"lms-{uuid.uuid4().hex[:6]}")
    first, second = statement(account("t1")), statement(account("t2"))
    await reporting.client.post("/xAPI/statements", json=first, headers=headers)
    await reporting.client.post("/xAPI/statements", json=second, headers=headers)
    [earlier], _, through = await query(reporting, headers, agent=json.dumps(account("t1")))

    after, _, _ = await query(reporting, headers, since=earlier["stored"])
    upto, _, _ = await query(reporting, headers, until=earlier["stored"])

    assert [s["id"] for s in after] == [second["id"]]
    assert [s["id"] for s in upto] == [first["id"]]
    assert datetime.fromisoformat(str(through)) >= datetime.fromisoformat(earlier["stored"])


@pytest.mark.parametrize(
    "params",
    [
        {"agent": "not json"},
        {"agent": json.dumps({"name": "no identifier"})},
        {"since": "yesterday"},
        {"statementId": str(uuid.uuid4()), "verb": COMPLETED},
        {"verb": "completed"},
        {"cursor": "bm90IG91cnM"},
    ],
    ids=["agent-not-json", "agent-no-ifi", "bad-since", "id-and-filters", "verb-not-iri", "foreign-cursor"],
)
async def test_a_bad_filter_is_a_clear_refusal(reporting, problem, params):
    response = await reporting.client.get(
        "/xAPI/statements", params=params, headers=city(reporting, "lms-bad")
    )
    assert response.status_code in (400, 422), response.text
    problem(response, response.status_code)
