"""End-to-end latency at a fixed arrival rate: enrolment's commit -> what each consumer makes of it.

Both ends are read from PostgreSQL rows on one machine's clock: the enrolment's outbox rows' `created_at`
(the enrolment transaction, which commits just before the 201), and
- reporting: each event's inbox row's `received_at` (the consumer transaction that applies the event);
- notifications: the confirmation message's `created_at` (the transaction that records it), one for every
  enrolment (each confirmation makes one whatever the learner's contacts; the inbox alone would also count
  the grants and say nothing of the message)."""

import asyncio
import statistics
import time
from dataclasses import dataclass, replace
from datetime import datetime

import asyncpg
import httpx
from localinfra.platform import Platform
from servicekit.devtoken import local_dev_token

CONSUMERS = ("notifications", "reporting")
LABELS = {
    "notifications": "notifications: confirmation message recorded",
    "reporting": "reporting: each event applied (inbox)",
}
CONFIRMED = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v2"
_INBOX = "SELECT event_id, received_at FROM inbox WHERE event_id = ANY($1)"
_MESSAGES = """
SELECT source_event_id, created_at FROM messages
WHERE template = 'enrolment-confirmed' AND source_event_id = ANY($1)
"""


@dataclass(frozen=True)
class LatencyFigure:
    """Latency percentiles (ms) of one consumer at one arrival rate."""

    consumer: str
    rate: int
    events: int
    p50: float
    p99: float
    enrolments: int = 0  # created at this rate (events / enrolments = events each enrolment makes)


def _dsn(platform: Platform, service: str) -> str:
    lines = (platform.state / "env" / f"{service}.env").read_text().splitlines()
    return next(
        line.split("=", 1)[1] for line in lines if line.startswith(f"{service.upper()}_DATABASE_URL=")
    )


async def _send_at_rate(url: str, pairs: list[tuple[str, str]], rate: int) -> list[str]:
    """POST an enrolment a pair on a fixed schedule (not waiting for answers); return the ids created."""
    headers = {"Authorization": f"Bearer {local_dev_token('bench-admin', ['admin'])}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=10) as client:
        start, tasks = time.monotonic(), []
        for i, (learner, offering) in enumerate(pairs):
            await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
            body = {"offering_id": offering, "learner_id": learner}
            tasks.append(asyncio.create_task(client.post("/v1/enrolments", json=body)))
        answers = await asyncio.gather(*tasks, return_exceptions=True)
    return [str(a.json()["id"]) for a in answers if isinstance(a, httpx.Response) and a.status_code == 201]


async def measure(platform: Platform, pairs: list[tuple[str, str]], rate: int) -> list[LatencyFigure]:
    """Enrol each (unused) pair at `rate`/s, wait for both consumers, and return their percentiles."""
    enrolment = await asyncpg.connect(_dsn(platform, "enrolment"))
    try:
        since = await enrolment.fetchval("SELECT now()")
        created = await _send_at_rate(f"http://127.0.0.1:{platform.ports.http('enrolment')}", pairs, rate)
        if len(created) < len(pairs):
            print(f"end to end: {len(pairs) - len(created)} of {len(pairs)} enrolments were not created")
        rows = await enrolment.fetch(  # these enrolments' events only (other writers may still commit)
            "SELECT event_id, message_key, event_type, created_at FROM outbox"
            " WHERE created_at >= $1 AND message_key = ANY($2)",
            since,
            created,
        )
    finally:
        await enrolment.close()
    events = {r["event_id"]: r["created_at"] for r in rows}  # reporting applies each event
    confirmed = {r["message_key"]: r["created_at"] for r in rows if r["event_type"] == CONFIRMED}
    figures = [
        await _consumer_figure(platform, "notifications", _MESSAGES, confirmed, rate),
        await _consumer_figure(platform, "reporting", _INBOX, events, rate),
    ]
    return [replace(f, enrolments=len(created)) for f in figures]


async def _consumer_figure(
    platform: Platform, consumer: str, query: str, written: dict[str, datetime], rate: int
) -> LatencyFigure:
    """`query` maps the keys of `written` to the consumer's times; wait (30 s at most) for all of them."""
    conn = await asyncpg.connect(_dsn(platform, consumer))
    try:
        deadline, applied = time.monotonic() + 30, dict[str, datetime]()
        while len(applied) < len(written) and time.monotonic() < deadline:
            applied = {r[0]: r[1] for r in await conn.fetch(query, list(written))}
            await asyncio.sleep(0.2)
    finally:
        await conn.close()
    waits = sorted((applied[e] - written[e]).total_seconds() * 1000 for e in applied)
    label = LABELS[consumer]
    if len(waits) < 2:
        return LatencyFigure(label, rate, len(waits), float("nan"), float("nan"))
    cuts = statistics.quantiles(waits, n=100)
    return LatencyFigure(label, rate, len(waits), cuts[49], cuts[98])
