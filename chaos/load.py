"""A steady mixed load that retries like a careful client: enrolments with an Idempotency-Key, xAPI
statements with their own ids. What was accepted (a 2xx) is kept, to be checked against every database."""

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from stage import Stage
from workload import Workload, client

XAPI_VERSION = {"X-Experience-API-Version": "1.0.3"}
HOME = "https://learningcity.hanoi.example"


@dataclass
class Tally:
    """One round's requests: accepted ones with their ids, and those refused or never answered."""

    enrolments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (learner, offering)
    statements: list[str] = field(default_factory=list)
    refused: int = 0  # a final 4xx: a retry that found its work done without the key would show here
    unanswered: int = 0  # still no answer at the request's deadline
    retries: int = 0

    @property
    def accepted(self) -> int:
        return len(self.enrolments) + len(self.statements)


def _statement(statement_id: str) -> dict[str, Any]:
    return {
        "id": statement_id,
        "actor": {"account": {"homePage": HOME, "name": str(uuid.uuid4())}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": "https://lms.hanoi.example/courses/chaos"},
        "timestamp": "2027-03-01T02:15:00Z",
    }


async def _send(
    http: httpx.AsyncClient, path: str, body: Any, headers: dict[str, str], tally: Tally, deadline: float
) -> httpx.Response | None:
    """POST until a final answer (2xx or 4xx other than 429) or the deadline; the same request each time."""
    delay = 0.2
    while time.monotonic() < deadline:
        try:
            response = await http.post(path, json=body, headers=headers)
            if response.status_code < 500 and response.status_code != 429:
                return response
        except httpx.TransportError:
            pass
        tally.retries += 1
        await asyncio.sleep(delay)
        delay = min(delay * 2, 2.0)
    return None


async def _enrol(http: httpx.AsyncClient, pair: tuple[str, str], tally: Tally, deadline: float) -> None:
    learner, offering = pair
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"offering_id": offering, "learner_id": learner}
    answer = await _send(http, "/v1/enrolments", body, headers, tally, deadline)
    if answer is None:
        tally.unanswered += 1
    elif answer.is_success:
        tally.enrolments[str(answer.json()["id"])] = pair
    else:
        tally.refused += 1


async def _state(http: httpx.AsyncClient, tally: Tally, deadline: float) -> None:
    statement_id = str(uuid.uuid4())
    answer = await _send(http, "/xAPI/statements", _statement(statement_id), XAPI_VERSION, tally, deadline)
    if answer is None:
        tally.unanswered += 1
    elif answer.is_success:
        tally.statements.append(statement_id)
    else:
        tally.refused += 1


async def run_load(stage: Stage, work: Workload, rate: float, stop: asyncio.Event, patience: float) -> Tally:
    """`rate` enrolments and `rate` statements a second on a fixed schedule until `stop`, then waits for
    every request (each retried for up to `patience` seconds)."""
    tally, tasks = Tally(), []
    async with (
        client(stage.url("enrolment"), "admin") as enrolment,
        client(stage.url("reporting"), "city-system", "city-lms", ["statements/write"]) as reporting,
    ):
        began, n = time.monotonic(), 0
        while not stop.is_set():
            deadline = time.monotonic() + patience
            if (pair := work.pair()) is not None:  # else all used: statements only
                tasks.append(asyncio.create_task(_enrol(enrolment, pair, tally, deadline)))
            tasks.append(asyncio.create_task(_state(reporting, tally, deadline)))
            n += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), max(0.0, began + n / rate - time.monotonic()))
        await asyncio.gather(*tasks)
    return tally
