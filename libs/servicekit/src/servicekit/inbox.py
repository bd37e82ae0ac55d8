"""Inbox: records which events a consumer has handled, in the same transaction as the effects."""

from collections.abc import Sequence

import asyncpg

from servicekit.db import delete_in_chunks

EventKey = tuple[str, str]
"""CloudEvents identity of an event: (source, id). Ids are unique only within their source."""
UNKNOWN_SOURCE = "urn:servicekit:inbox:source-unknown"
"""Source of rows written before the inbox stored sources (migration 0002); they match any source."""

_CLAIM = """
INSERT INTO inbox (consumer, source, event_id, event_type)
SELECT $1, e.source, e.event_id, e.event_type
FROM unnest($2::text[], $3::text[], $4::text[]) AS e(source, event_id, event_type)
WHERE NOT EXISTS (
    SELECT 1 FROM inbox AS old
    WHERE old.consumer = $1 AND old.source = $5 AND old.event_id = e.event_id
)
ON CONFLICT DO NOTHING RETURNING source, event_id
"""
_PRUNE = """
DELETE FROM inbox WHERE ctid = ANY(ARRAY(
    SELECT ctid FROM inbox WHERE received_at < now() - make_interval(secs => $1) LIMIT $2
))
"""
_PRUNE_CHUNK = 5000  # short transactions: pruning never holds many row locks at once


async def claim(
    conn: asyncpg.Connection, consumer: str, events: Sequence[tuple[str, str, str]]
) -> set[EventKey]:
    """Record (source, id, type) events as handled by `consumer`; return the (source, id) keys new to it."""
    if not events:
        return set()
    sources, ids, types = zip(*events, strict=True)
    rows = await conn.fetch(_CLAIM, consumer, list(sources), list(ids), list(types), UNKNOWN_SOURCE)
    return {(row["source"], row["event_id"]) for row in rows}


async def prune_inbox(pool: asyncpg.Pool, keep_seconds: float) -> int:
    """Delete inbox rows older than `keep_seconds`, in chunks; return how many (`run_pruner` schedules it).

    The retention must outlast every way an event can come back: see `ServiceSettings.inbox_keep_days`.
    """
    return await delete_in_chunks(pool, _PRUNE, keep_seconds, chunk=_PRUNE_CHUNK)
