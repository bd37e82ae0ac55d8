"""The bench's data: published offerings without a capacity, registered learners, and unused pairs of both."""

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from localinfra.catalogue import COURSE, offering_in, publish_course_with_offering
from localinfra.platform import Platform
from servicekit.devtoken import local_dev_token

LEARNERS = Path(__file__).parent.parent / "infra" / "src" / "localinfra" / "demo" / "learners.json"


@dataclass
class Workload:
    """A hot offering (all requests on one row), `spread` offerings, learners, and the next unused pairs.

    Pair k of the hot stream is (learner k, hot); pair k of the spread stream is (learner k // S, offering
    k % S). The hot offering is in no spread pair, so the two streams never enrol a learner twice anywhere."""

    hot: str
    spread: list[str]
    learners: list[str]
    file: Path  # the learner ids, one a line, for wrk's script
    next_hot: int = 0
    next_spread: int = 0

    def spread_pairs(self, count: int) -> list[tuple[str, str]]:
        """The next `count` unused spread pairs (learner id, offering id), marked used."""
        first, self.next_spread = self.next_spread, self.next_spread + count
        s = len(self.spread)
        return [
            (self.learners[k // s], self.spread[k % s])
            for k in range(first, min(self.next_spread, self.capacity))
        ]

    @property
    def capacity(self) -> int:
        """How many spread pairs there are in all."""
        return len(self.learners) * len(self.spread)


def _urls(platform: Platform) -> dict[str, str]:
    return {s: f"http://127.0.0.1:{platform.ports.http(s)}" for s in ("content", "enrolment")}


def _client(base: str, role: str, limit: int = 16) -> httpx.AsyncClient:
    token = local_dev_token(f"bench-{role}", [role])
    limits = httpx.Limits(max_connections=limit)
    return httpx.AsyncClient(
        base_url=base,
        headers={"Authorization": f"Bearer {token}"},
        timeout=httpx.Timeout(30, pool=None),  # thousands queued on a few connections: no wait limit
        limits=limits,
    )


async def _post(client: httpx.AsyncClient, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
    response = await client.post(path, json=body)
    response.raise_for_status()
    return dict(response.json())


async def _offering(content: httpx.AsyncClient, n: int) -> str:
    """A published course with one offering in a month without a capacity (never waitlists)."""
    course = {**COURSE, "code": f"BENCH-{n}"}
    return (await publish_course_with_offering(content, course, [offering_in(capacity=None)])).offering


async def _until_open(enrolment: httpx.AsyncClient, offering: str, deadline: float) -> None:
    """An offering reaches enrolment through content's event: wait until enrolment has it."""
    while (await enrolment.get(f"/v1/offerings/{offering}")).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("a bench offering did not reach enrolment")
        await asyncio.sleep(0.2)


def _learner_bodies(count: int) -> list[dict[str, Any]]:
    """The demo learners' records (without teacher profiles), repeated to `count`."""
    specs = json.loads(LEARNERS.read_text(encoding="utf-8"))
    return [{k: v for k, v in specs[i % len(specs)].items() if k != "teacher"} for i in range(count)]


async def prepare(platform: Platform, offerings: int, learners: int, timeout: float = 60.0) -> Workload:
    """Publish 1 + `offerings` offerings and register `learners` learners, several requests at once."""
    urls = _urls(platform)
    async with (
        _client(urls["content"], "content-editor", 4) as content,
        _client(urls["enrolment"], "admin") as staff,
    ):
        ids = list(await asyncio.gather(*(_offering(content, n) for n in range(offerings + 1))))
        deadline = time.monotonic() + timeout
        await asyncio.gather(*(_until_open(staff, o, deadline) for o in ids))
        registered = await asyncio.gather(
            *(_post(staff, "/v1/learners", b) for b in _learner_bodies(learners))
        )
    learner_ids = [str(r["id"]) for r in registered]
    file = platform.state / "bench-learners.txt"
    file.write_text("\n".join(learner_ids) + "\n")
    return Workload(ids[0], ids[1:], learner_ids, file)
