"""The chaos run's data: open offerings, learners to enrol, and a locality of learners for campaigns."""

import asyncio
import json
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from servicekit.devtoken import local_dev_token
from stage import Stage

LEARNERS = Path(__file__).parent.parent / "infra" / "src" / "localinfra" / "demo" / "learners.json"
CAMPAIGN_LOCALITY = "00004"  # the campaign learners live here; the learners to enrol never do
COURSE = {
    "title_vi": "Khóa học",
    "description_vi": "Khóa học kiểm tra sự cố.",
    "theme": "health",
    "delivery_mode": "online",
    "duration_hours": 2,
}
MATERIAL = {
    "kind": "document",
    "url": "https://hoctap.hanoi.gov.vn/chaos/course.pdf",
    "checksum": "sha256:" + "0" * 64,
    "size_bytes": 1024,
    "language": "vi",
    "licence": "CC-BY-4.0",
}
CAMPAIGN = {
    "name": "Chaos campaign",
    "goal": "Reach every learner of one locality once, whatever fails meanwhile",
    "body_vi": "Hãy tìm một khóa học gần bạn!\nHủy nhận thư: {{ unsubscribe_url }}",
    "body_en": "Find a course near you!\nUnsubscribe: {{ unsubscribe_url }}",
    "channels": ["email", "in_app"],
}


@dataclass
class Workload:
    """Offerings without a capacity and learners; `pairs()` hands out each (learner, offering) once."""

    offerings: list[str]
    learners: list[str]
    audience: int  # learners registered in CAMPAIGN_LOCALITY
    _next: int = 0

    def pair(self) -> tuple[str, str] | None:
        """The next unused (learner id, offering id); None when all are used."""
        k, self._next = self._next, self._next + 1
        n = len(self.offerings)
        return (self.learners[k // n], self.offerings[k % n]) if k < n * len(self.learners) else None


def client(
    base: str, role: str, subject: str = "chaos", scopes: list[str] | None = None
) -> httpx.AsyncClient:
    """A client with a dev token of `role` and `scopes` (the platform runs with the local dev key)."""
    token = local_dev_token(f"{subject}-{role}", [role], scopes=scopes)
    return httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)


async def _post(http: httpx.AsyncClient, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
    response = await http.post(path, json=body)
    response.raise_for_status()
    return dict(response.json())


async def _offering(content: httpx.AsyncClient, n: int) -> str:
    course_id = (await _post(content, "/v1/courses", {**COURSE, "code": f"CHAOS-{n}"}))["id"]
    await _post(content, f"/v1/courses/{course_id}/materials", MATERIAL)
    await _post(content, f"/v1/courses/{course_id}/publish", None)
    starts = (date.today() + timedelta(days=30)).isoformat()
    body = {"starts_on": starts, "capacity": None}
    return str((await _post(content, f"/v1/courses/{course_id}/offerings", body))["id"])


def _bodies(learners: int, audience: int) -> list[dict[str, Any]]:
    """The demo learners' records, repeated: `learners` outside the campaign locality, `audience` in it."""
    specs = [
        {k: v for k, v in s.items() if k != "teacher"}
        for s in json.loads(LEARNERS.read_text(encoding="utf-8"))
        if s["locality_code"] != CAMPAIGN_LOCALITY
    ]
    others = [specs[i % len(specs)] for i in range(learners)]
    return others + [{**specs[i % len(specs)], "locality_code": CAMPAIGN_LOCALITY} for i in range(audience)]


async def _until(check: Any, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not reached in {timeout:.0f} s")
        await asyncio.sleep(0.3)


async def prepare(stage: Stage, offerings: int, learners: int, audience: int) -> Workload:
    """Publish the offerings, register the learners, and wait until enrolment and notifications know them."""
    async with (
        client(stage.url("content"), "content-editor") as content,
        client(stage.url("enrolment"), "admin") as staff,
    ):
        ids = [await _offering(content, n) for n in range(offerings)]

        async def open_() -> bool:
            answers = [await staff.get(f"/v1/offerings/{o}") for o in ids]
            return all(a.status_code == 200 for a in answers)

        await _until(open_, "the offerings in enrolment", 90)
        registered = []
        for body in _bodies(learners, audience):
            registered.append(str((await _post(staff, "/v1/learners", body))["id"]))

    async def audience_known() -> bool:
        conn = await asyncpg.connect(stage.dsn("notifications"))
        try:
            sql = "SELECT count(*) FROM audience WHERE locality_code = $1"
            return bool(await conn.fetchval(sql, CAMPAIGN_LOCALITY) == audience)
        finally:
            await conn.close()

    await _until(audience_known, "the campaign's audience in notifications", 90)
    return Workload(ids, registered[:learners], audience)


async def start_campaign(stage: Stage) -> str:
    """A campaign to every learner of the campaign locality, due in a second; its id."""
    async with client(stage.url("notifications"), "communication-officer") as staff:
        due = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
        body = {**CAMPAIGN, "scheduled_at": due, "segment": {"localities": [CAMPAIGN_LOCALITY]}}
        return str((await _post(staff, "/v1/campaigns", body))["id"])
