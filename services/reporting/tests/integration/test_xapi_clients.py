"""City systems' credentials on the xAPI Statement API (real PostgreSQL): Basic, JWT, scopes, rate limits."""

import base64
import uuid

import pytest
import pytest_asyncio
from reporting.bootstrap import ReportingSettings, bootstrap
from servicekit.http.auth import issue_dev_token
from servicekit.http.clients import hash_secret

pytestmark = pytest.mark.integration

V = {"X-Experience-API-Version": "1.0.3"}
BURST = 3
CLIENTS = {  # id: (secret, scopes)
    "lms-writer": ("writer-secret-1", ["statements/write", "statements/read/mine"]),
    "lms-reader": ("reader-secret-1", ["statements/read/mine"]),
    "lms-busy": ("busy-secret-1", ["statements/write"]),
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "clients.toml"
    path.write_text(
        "".join(
            f'[clients.{name}]\nsecret_hash = "{hash_secret(secret)}"\nroles = ["city-system"]\n'
            f"scopes = {scopes}\n"
            for name, (secret, scopes) in CLIENTS.items()
        ).replace("'", '"')
    )
    overrides = {"client_credentials_file": path, "client_rate_burst": BURST, "client_rate_per_second": 0.01}
    async with start_service(ReportingSettings, bootstrap, **overrides) as service:
        yield service


def basic(name: str, secret: str | None = None) -> dict[str, str]:
    raw = f"{name}:{secret or CLIENTS[name][0]}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode(), **V}


def bearer(reporting, name: str, scopes: list[str]) -> dict[str, str]:
    token = issue_dev_token(reporting.runtime.settings, name, ["city-system"], scopes=scopes)
    return {"Authorization": f"Bearer {token}", **V}


def statement() -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"mbox": "mailto:someone@lms.hanoi.example"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://lms.hanoi.example/courses/first-aid"},
    }


async def stored(reporting, sid: str) -> int:
    return await reporting.db.fetchval("SELECT count(*) FROM xapi_statements WHERE id = $1", uuid.UUID(sid))


async def test_a_basic_client_writes_and_reads_back_only_its_own(reporting):
    sent = statement()
    posted = await reporting.client.post("/xAPI/statements", json=sent, headers=basic("lms-writer"))
    by_id = f"/xAPI/statements?statementId={sent['id']}"
    own = await reporting.client.get(by_id, headers=basic("lms-writer"))
    foreign = await reporting.client.get(by_id, headers=basic("lms-reader"))

    assert posted.status_code == 200, posted.text
    assert own.status_code == 200 and own.json()["id"] == sent["id"]
    assert foreign.status_code == 404  # read/mine: another client's statement is as if unknown


@pytest.mark.parametrize(
    "headers",
    [
        basic("lms-writer", "not-the-secret"),
        basic("lms-unknown", "whatever-secret"),
        {"Authorization": "Basic bm90LWEtcGFpcg==", **V},  # "not-a-pair": no colon
    ],
    ids=["wrong-secret", "unknown-client", "malformed"],
)
async def test_wrong_or_unknown_credentials_are_401_and_nothing_is_stored(reporting, problem, headers):
    sent = statement()
    response = await reporting.client.post("/xAPI/statements", json=sent, headers=headers)

    problem(response, 401)
    assert await stored(reporting, sent["id"]) == 0


async def test_a_client_without_the_write_scope_is_403_by_basic_and_by_token(reporting, problem):
    sent = statement()
    by_basic = await reporting.client.post("/xAPI/statements", json=sent, headers=basic("lms-reader"))
    token = bearer(reporting, "lms-token", ["statements/read/mine"])
    by_token = await reporting.client.post("/xAPI/statements", json=sent, headers=token)
    no_scope = await reporting.client.post("/xAPI/statements", json=sent, headers=bearer(reporting, "x", []))
    reader_only = await reporting.client.get("/xAPI/statements", headers=basic("lms-busy"))

    for response in (by_basic, by_token, no_scope, reader_only):
        problem(response, 403)
    assert await stored(reporting, sent["id"]) == 0


async def test_over_the_rate_limit_is_429_with_retry_after_and_other_clients_go_on(reporting, problem):
    answers = [
        await reporting.client.post("/xAPI/statements", json=statement(), headers=basic("lms-busy"))
        for _ in range(BURST + 1)
    ]
    other = await reporting.client.post(
        "/xAPI/statements", json=statement(), headers=bearer(reporting, "lms-calm", ["statements/write"])
    )

    assert [a.status_code for a in answers] == [200] * BURST + [429]
    problem(answers[-1], 429)
    assert int(answers[-1].headers["Retry-After"]) >= 1
    assert other.status_code == 200  # a bucket per client
