"""Notifications in `make bench`: a campaign to many learners through the real local SMTP sink beside a bare
aiosmtplib loop sending as many mails to the same sink (`smtp_baseline`), and the latency from an
enrolment's confirmation (its commit) to the confirmation mail accepted by SMTP.

Sizes come from BENCH_CAMPAIGN_RECIPIENTS and BENCH_TRIGGER_SAMPLES (`trigger_latency`). The campaign's
audience (dimensions and e-mail contacts, as notifications' consumers would store them) is copied into
notifications' own database, so the figure is the campaign itself: fan-out, rendering, sending, recording.
"""

import asyncio
import contextlib
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import smtp_baseline
from latency import _dsn
from localinfra.platform import Platform
from servicekit.devtoken import local_dev_token
from trigger_latency import TRIGGER_RATE, TriggerFigure

RECIPIENTS = int(os.environ.get("BENCH_CAMPAIGN_RECIPIENTS", "50000"))
SERVICE_ENV = {  # the sender as fast as it goes: no provider quota, no quiet hours, bigger claims
    "NOTIFICATIONS_CHANNEL_RATE_PER_SECOND": "10000",
    "NOTIFICATIONS_QUIET_HOURS_START": "0",
    "NOTIFICATIONS_QUIET_HOURS_END": "0",
    "NOTIFICATIONS_DELIVERY_BATCH_SIZE": "500",
    "NOTIFICATIONS_DELIVERY_CONCURRENCY": "16",
    "NOTIFICATIONS_DB_POOL_MAX": "24",
}
RAW_CONNECTIONS = int(SERVICE_ENV["NOTIFICATIONS_DELIVERY_CONCURRENCY"])  # the baseline's, as the sender's
_AUDIENCE = [
    "learner_id",
    "sex",
    "age_band",
    "locality_code",
    "ethnic_minority",
    "support_categories",
    "learner_type",
    "enrolled",
    "changed_at",
]


@dataclass(frozen=True)
class CampaignFigure:
    """One campaign run: how many mails the sink accepted, how fast, and the service's memory."""

    recipients: int
    mailed: int
    seconds: float
    peak_rss_mb: float


def configure_service() -> None:
    """Settings for the notifications process the bench starts (call before the platform starts)."""
    os.environ.update(SERVICE_ENV)


async def campaign(platform: Platform, recipients: int = RECIPIENTS) -> CampaignFigure:
    """Seed `recipients` learners of a fresh locality, run one e-mail campaign to them, wait for the sink."""
    locality, domain = f"B{uuid.uuid4().hex[:8]}", f"c{uuid.uuid4().hex[:6]}.bench"
    await _seed(platform, locality, domain, recipients)
    pid = _notifications_pid(platform)
    _reset_peak(pid)
    start = datetime.now(UTC) + timedelta(seconds=1)
    await _post_campaign(platform, locality, start)
    await asyncio.sleep(max(0.0, (start - datetime.now(UTC)).total_seconds()))
    began = time.monotonic()
    mailed = await _mails_to(platform, domain, recipients, timeout=max(120.0, recipients / 20))
    seconds = time.monotonic() - began
    return CampaignFigure(recipients, mailed, seconds, _peak_rss_mb(pid))


async def raw_baseline(platform: Platform, recipients: int = RECIPIENTS) -> CampaignFigure:
    """The same number of mails by a bare aiosmtplib loop to the same sink (its peak RSS is not measured)."""
    assert platform.mail_sink is not None
    domain = f"r{uuid.uuid4().hex[:6]}.bench"
    port, bound = platform.mail_sink.port, max(120.0, recipients / 20)
    seconds = await asyncio.to_thread(smtp_baseline.send, port, recipients, domain, RAW_CONNECTIONS, bound)
    mailed = await _mails_to(platform, domain, recipients, timeout=10)  # accepted: already in the sink
    return CampaignFigure(recipients, mailed, seconds, float("nan"))


async def _seed(platform: Platform, locality: str, domain: str, count: int) -> None:
    ids = [uuid.uuid4() for _ in range(count)]
    now = datetime.now(UTC)
    conn = await asyncpg.connect(_dsn(platform, "notifications"))
    try:
        await conn.copy_records_to_table(
            "learner_contacts",
            records=[(i, f"{i.hex}@{domain}", None, "vi", ["email"], now) for i in ids],
            columns=["learner_id", "email", "phone", "language", "consent", "changed_at"],
        )
        await conn.copy_records_to_table(
            "audience",
            records=[(i, "female", "25-54", locality, False, [], "resident", False, now) for i in ids],
            columns=_AUDIENCE,
        )
    finally:
        await conn.close()


async def _post_campaign(platform: Platform, locality: str, start: datetime) -> None:
    body = {
        "name": "Bench campaign",
        "goal": "measure the fan-out",
        "body_vi": "Hà Nội là thành phố học tập. Hủy: {{ unsubscribe_url }}",
        "body_en": "Hanoi is a learning city. Unsubscribe: {{ unsubscribe_url }}",
        "channels": ["email"],
        "scheduled_at": start.isoformat(),
        "segment": {"localities": [locality]},
    }
    headers = {"Authorization": f"Bearer {local_dev_token('bench-comms', ['communication-officer'])}"}
    url = f"http://127.0.0.1:{platform.ports.http('notifications')}/v1/campaigns"
    async with httpx.AsyncClient(timeout=30) as client:
        (await client.post(url, json=body, headers=headers)).raise_for_status()


async def _mails_to(platform: Platform, domain: str, count: int, timeout: float) -> int:
    """How many mails to `domain` the sink accepted, once `count` arrived (or at the timeout)."""
    assert platform.mail_sink is not None
    seen, found, deadline = 0, 0, time.monotonic() + timeout
    while found < count and time.monotonic() < deadline:
        mails = platform.mail_sink.messages
        found += sum(1 for m in mails[seen:] if m.recipients[0].endswith(domain))
        seen = len(mails)
        await asyncio.sleep(0.05)
    return found


def _notifications_pid(platform: Platform) -> int:
    return int(Path(platform.state / "notifications.pid").read_text().strip())


def _reset_peak(pid: int) -> None:
    """Reset the process's peak RSS (Linux `clear_refs` 5), so the peak is this campaign's."""
    with contextlib.suppress(OSError):  # if refused, the peak is of the process's whole life: an upper bound
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def table(c: CampaignFigure, raw: CampaignFigure, t: TriggerFigure) -> list[str]:
    """The notifications section of the report (bench/run.py prints and writes it)."""
    kit_rate, raw_rate = c.mailed / c.seconds, raw.mailed / raw.seconds
    return [
        "Notifications (real local SMTP sink):",
        "",
        "| path | size | messages/s | time to finish (s) | peak RSS of the service (MB) | p50 ms | p99 ms "
        "| ratio to raw baseline |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| campaign by e-mail | {c.mailed:,} of {c.recipients:,} | {kit_rate:,.0f} | "
        f"{c.seconds:,.1f} | {c.peak_rss_mb:,.0f} | - | - | {kit_rate / raw_rate:.2f}x |",
        f"| raw baseline: aiosmtplib, {RAW_CONNECTIONS} connections kept open, same sink | "
        f"{raw.mailed:,} of {raw.recipients:,} | {raw_rate:,.0f} | {raw.seconds:,.1f} | - | - | - | 1.00x |",
        f"| enrolment confirmed -> mail accepted by SMTP | {t.samples} mailed of {t.confirmed} at "
        f"{TRIGGER_RATE}/s | - | - | - | "
        f"{t.p50:,.0f} | {t.p99:,.0f} | - |",
        "",
    ]
