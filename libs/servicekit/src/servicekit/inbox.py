"""Inbox: records which events a consumer has handled, in the same transaction as the effects."""

from collections.abc import Sequence

import asyncpg

_CLAIM = """
INSERT INTO inbox (consumer, event_id, event_type)
SELECT $1, unnest($2::text[]), unnest($3::text[])
ON CONFLICT DO NOTHING RETURNING event_id
"""


async def claim(
    conn: asyncpg.Connection, consumer: str, ids_and_types: Sequence[tuple[str, str]]
) -> set[str]:
    """Record the events as handled by `consumer`; return the ids that were new (not seen before)."""
    if not ids_and_types:
        return set()
    ids, types = zip(*ids_and_types, strict=True)
    rows = await conn.fetch(_CLAIM, consumer, list(ids), list(types))
    return {row["event_id"] for row in rows}
