"""Trigger latency in `make bench`: an enrolment's confirmation (its commit) -> the confirmation mail
accepted by SMTP (notifications' `message.sent` commit), for learners with an e-mail address and consent.

BENCH_TRIGGER_SAMPLES enrolments, at a low steady rate, on an offering of their own."""

import asyncio
import os
import statistics
import time
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from latency import CONFIRMED, _dsn, _send_at_rate
from localinfra.platform import Platform
from localinfra.polling import eventually

TRIGGER_SAMPLES = int(os.environ.get("BENCH_TRIGGER_SAMPLES", "50"))
TRIGGER_RATE = 5  # enrolments/s: the mail's latency, not a queue behind a burst
_SENT = "vn.hanoi.learningcity.notifications.message.sent.v1"


@dataclass(frozen=True)
class TriggerFigure:
    """Enrolment confirmed (commit) -> confirmation mail accepted by SMTP, in ms: `samples` mailed of the
    `confirmed` enrolments (each learner has an e-mail address and consent, so all should be)."""

    confirmed: int
    samples: int
    p50: float
    p99: float


async def trigger_latency(platform: Platform, pairs: list[tuple[str, str]]) -> TriggerFigure:
    """Enrol each (unused) pair at a steady rate; per confirmation, the mail's `message.sent` commit in
    notifications minus the confirmation's commit in enrolment (both outbox rows, one PostgreSQL clock).

    First waits until notifications holds the learners' contacts: they come on another topic, so the
    consumers' lag (`settle`) cannot tell whether they arrived (a group that never committed on a
    partition has no lag there), and a confirmation handled before them goes to the in-app inbox only."""
    await _contacts_known(platform, [learner for learner, _ in pairs], timeout=60)
    created = await _send_at_rate(f"http://127.0.0.1:{platform.ports.http('enrolment')}", pairs, TRIGGER_RATE)
    confirmed = await _confirmed_times(platform, created)
    mailed = await _mailed_times(platform, list(confirmed), timeout=60)
    waits = sorted((mailed[e] - confirmed[e]).total_seconds() * 1000 for e in mailed)
    if len(waits) < 2:
        return TriggerFigure(len(confirmed), len(waits), float("nan"), float("nan"))
    cuts = statistics.quantiles(waits, n=100)
    return TriggerFigure(len(confirmed), len(waits), cuts[49], cuts[98])


async def _confirmed_times(platform: Platform, enrolments: list[str]) -> dict[str, datetime]:
    conn = await asyncpg.connect(_dsn(platform, "enrolment"))
    try:
        rows = await conn.fetch(
            "SELECT message_key, created_at FROM outbox WHERE message_key = ANY($1) AND event_type = $2",
            enrolments,
            CONFIRMED,
        )
    finally:
        await conn.close()
    return {r["message_key"]: r["created_at"] for r in rows}


async def _contacts_known(platform: Platform, learners: list[str], timeout: float) -> None:
    conn = await asyncpg.connect(_dsn(platform, "notifications"))
    query = "SELECT count(*) = $2 FROM learner_contacts WHERE learner_id = ANY($1::uuid[])"
    try:
        await eventually(lambda: conn.fetchval(query, learners, len(set(learners))), timeout, interval=0.2)
    finally:
        await conn.close()


_MAILED = f"""
SELECT m.source_event_id, o.created_at FROM messages m JOIN outbox o ON o.message_key = m.id::text
WHERE m.template = 'enrolment-confirmed' AND m.source_event_id = ANY($1) AND o.event_type = '{_SENT}'
  AND convert_from(o.payload, 'UTF8')::jsonb ->> 'channel' = 'email'
"""


async def _mailed_times(platform: Platform, enrolments: list[str], timeout: float) -> dict[str, datetime]:
    conn = await asyncpg.connect(_dsn(platform, "notifications"))
    try:
        deadline, found = time.monotonic() + timeout, dict[str, datetime]()
        while len(found) < len(enrolments) and time.monotonic() < deadline:
            found = {r["source_event_id"]: r["created_at"] for r in await conn.fetch(_MAILED, enrolments)}
            await asyncio.sleep(0.2)
    finally:
        await conn.close()
    return found
