"""SQL for campaigns; the fan-out claims a due campaign with SKIP LOCKED: one instance works it at a time."""

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.campaign import Campaign, CampaignStatus, Segment
from notifications.domain.contacts import Channel

_COLUMNS = (
    "id, name, goal, body_vi, body_en, channels, segment, scheduled_at, status, created_at,"
    " fanned_out_to, reached"
)
_INSERT = (
    f"INSERT INTO campaigns ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12)"
)
_DUE = (
    f"SELECT {_COLUMNS} FROM campaigns WHERE status IN ('scheduled', 'running') AND scheduled_at <= $1"
    " ORDER BY scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED"
)


class SqlCampaigns(Repository):
    """Campaigns in the notifications database."""

    async def add(self, c: Campaign) -> None:
        """Insert a campaign."""
        texts = (c.id, c.name, c.goal, c.body_vi, c.body_en, [ch.value for ch in c.channels])
        rest = (c.scheduled_at, c.status.value, c.created_at, c.fanned_out_to, c.reached)
        await self._conn.execute(_INSERT, *texts, json.dumps(asdict(c.segment)), *rest)
        self._seen(c)

    async def get(self, campaign_id: UUID, *, lock: bool = False) -> Campaign | None:
        """The campaign (locked for update when `lock`), or None."""
        query = f"SELECT {_COLUMNS} FROM campaigns WHERE id = $1" + (" FOR UPDATE" if lock else "")
        row = await self._conn.fetchrow(query, campaign_id)
        return None if row is None else self._seen(_campaign(row))

    async def claim_due(self, now: datetime) -> Campaign | None:
        """A scheduled-and-due or running campaign no other instance is working on, locked; or None."""
        row = await self._conn.fetchrow(_DUE, now)
        return None if row is None else self._seen(_campaign(row))

    async def save(self, c: Campaign) -> None:
        """Store status and progress; the campaign's new events go to the outbox on commit."""
        await self._conn.execute(
            "UPDATE campaigns SET status = $2, fanned_out_to = $3, reached = $4 WHERE id = $1",
            c.id,
            c.status.value,
            c.fanned_out_to,
            c.reached,
        )
        self._seen(c)


def _campaign(row: Any) -> Campaign:
    stored: dict[str, Any] = json.loads(row["segment"])
    criteria: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()}
    segment = Segment(**criteria)
    channels = tuple(Channel(c) for c in row["channels"])
    values = {**dict(row), "channels": channels, "segment": segment, "status": CampaignStatus(row["status"])}
    return Campaign(**values)
