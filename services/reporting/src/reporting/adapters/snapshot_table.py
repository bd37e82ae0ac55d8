"""The published-snapshots table every indicator shares: its publishing lock and its first-kept insert."""

from datetime import date, datetime

import asyncpg

_LOCK = "SELECT pg_advisory_xact_lock(hashtext($1))"
_KEEP = "INSERT INTO indicator_snapshots VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT DO NOTHING"


async def hold_publishing(conn: asyncpg.Connection, indicator: str) -> None:
    """Take `indicator`'s publishing lock until commit: two periods first published at once would otherwise
    each miss the other's figures (a new snapshot is checked against those already published)."""
    await conn.execute(_LOCK, indicator)


async def keep_first(
    conn: asyncpg.Connection, indicator: str, breakdown: str, until: date, body: str, at: datetime
) -> None:
    """Store the snapshot (`body`, JSON) unless one exists already for this breakdown and period end (a
    concurrent first query): the first one published is kept."""
    await conn.execute(_KEEP, indicator, breakdown, until, body, at)
