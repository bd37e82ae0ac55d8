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
    """Hot offerings (a run's requests all on one row), `spread` offerings, learners, the next unused pairs.

    Each hot run takes a fresh hot offering (`next_hot_offering`), so every run has all learners to enrol
    there: pair k of a hot run is (learner k, its offering). Pair k of the spread stream is (learner k // S,
    offering k % S). No hot offering is in a spread pair, so no learner is enrolled twice anywhere."""

    hots: list[str]
    spread: list[str]
    learners: list[str]
    file: Path  # the learner ids, one a line, for wrk's script
    mailable: list[str]  # the learners with an e-mail address and consent to e-mail
    next_spread: int = 0

    def next_hot_offering(self) -> str:
        """An unused hot offering (the run that takes it has every learner's pair on it)."""
        if not self.hots:
            raise RuntimeError("every hot offering is used: prepare one per hot run")
        return self.hots.pop(0)

    def mailable_pairs(self, count: int) -> list[tuple[str, str]]:
        """Up to `count` pairs of mailable learners on a fresh hot offering (a pair no other run takes), so
        every one of these enrolments' confirmations is mailed."""
        offering = self.next_hot_offering()
        return [(learner, offering) for learner in self.mailable[:count]]

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


def _emails(body: dict[str, Any]) -> bool:
    """Whether the learner consented to e-mail (with an address, the confirmation is mailed)."""
    return "email" in body.get("consent", [])


def _learner_bodies(count: int) -> list[dict[str, Any]]:
    """The demo learners' records (without teacher profiles), repeated to `count`."""
    specs = json.loads(LEARNERS.read_text(encoding="utf-8"))
    return [{k: v for k, v in specs[i % len(specs)].items() if k != "teacher"} for i in range(count)]


async def prepare(
    platform: Platform, offerings: int, learners: int, hot_runs: int, timeout: float = 60.0
) -> Workload:
    """Publish `hot_runs` + `offerings` offerings and register `learners` learners, many requests at once."""
    urls = _urls(platform)
    async with (
        _client(urls["content"], "content-editor", 4) as content,
        _client(urls["enrolment"], "admin") as staff,
    ):
        ids = list(await asyncio.gather(*(_offering(content, n) for n in range(hot_runs + offerings))))
        deadline = time.monotonic() + timeout
        await asyncio.gather(*(_until_open(staff, o, deadline) for o in ids))
        bodies = _learner_bodies(learners)
        registered = await asyncio.gather(*(_post(staff, "/v1/learners", b) for b in bodies))
    learner_ids = [str(r["id"]) for r in registered]
    file = platform.state / "bench-learners.txt"
    file.write_text("\n".join(learner_ids) + "\n")
    mailable = [i for i, b in zip(learner_ids, bodies, strict=True) if b.get("email") and _emails(b)]
    return Workload(ids[:hot_runs], ids[hot_runs:], learner_ids, file, mailable)
