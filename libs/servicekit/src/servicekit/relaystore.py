"""The outbox relay's SQL: claim under a lease, settle a batch, backlog, pruning and refused rows."""

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from servicekit.db import delete_in_chunks

# One statement, no transaction left open: renew (or take over an expired) lease and read the next rows.
# Only the lease holder gets rows, so one key's rows are never published by two relays at once; a dead
# holder's lease lapses after `lease_seconds`. Rows behind a refused row of their own key wait (order).
_CLAIM = """
WITH lease AS (
    UPDATE outbox_relay_lease SET holder = $1, expires_at = now() + make_interval(secs => $2)
    WHERE id = 1 AND (holder = $1 OR expires_at < now()) RETURNING id
)
SELECT o.seq, o.topic, o.message_key, o.headers, o.payload FROM outbox o
WHERE o.sent_at IS NULL AND o.refused_at IS NULL AND EXISTS (SELECT FROM lease)
  AND o.seq <> ALL($4::bigint[])
  AND NOT EXISTS (
    SELECT FROM outbox r WHERE r.sent_at IS NULL AND r.refused_at IS NOT NULL
      AND r.topic = o.topic AND r.message_key = o.message_key AND r.seq < o.seq)
ORDER BY o.seq LIMIT $3
"""
_RELEASE = "UPDATE outbox_relay_lease SET expires_at = '-infinity' WHERE id = 1 AND holder = $1"
_MARK_SENT = "UPDATE outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])"
_MARK_REFUSED = """
UPDATE outbox SET refused_at = now(), refused_reason = x.reason
FROM unnest($1::bigint[], $2::text[]) AS x(seq, reason) WHERE outbox.seq = x.seq
"""
_BACKLOG = """
SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND refused_at IS NULL),
       (SELECT extract(epoch FROM now() - created_at) FROM outbox
        WHERE sent_at IS NULL AND refused_at IS NULL ORDER BY seq LIMIT 1),
       (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND refused_at IS NOT NULL)
"""
_PRUNE = """
DELETE FROM outbox WHERE seq IN (
    SELECT seq FROM outbox WHERE sent_at < now() - make_interval(secs => $1) ORDER BY sent_at LIMIT $2)
"""
_REFUSED = """
SELECT r.seq, r.event_id, r.topic, r.event_type, r.refused_at, r.refused_reason,
       (SELECT count(*) FROM outbox h WHERE h.sent_at IS NULL AND h.refused_at IS NULL
          AND h.topic = r.topic AND h.message_key = r.message_key AND h.seq > r.seq) AS held_behind
FROM outbox r WHERE r.sent_at IS NULL AND r.refused_at IS NOT NULL ORDER BY r.seq
"""
_RETRY = """
UPDATE outbox SET refused_at = NULL, refused_reason = NULL
WHERE sent_at IS NULL AND refused_at IS NOT NULL AND (cardinality($1::text[]) = 0 OR event_id = ANY($1))
"""
PRUNE_CHUNK = 10_000


@dataclass(frozen=True)
class Backlog:
    """Rows waiting to be published, the age of the oldest, and rows set aside as refused."""

    pending: int
    oldest_seconds: float
    refused: int


async def claim(
    pool: asyncpg.Pool, holder: str, lease_seconds: float, limit: int, skip: Sequence[int] = ()
) -> list[asyncpg.Record]:
    """The next rows in commit order if `holder` has (or takes) the lease, else none; rows whose seq is in
    `skip` (those of batches still in flight) are left for a later claim."""
    rows: list[asyncpg.Record] = await pool.fetch(_CLAIM, holder, lease_seconds, limit, list(skip))
    return rows


async def release(pool: asyncpg.Pool, holder: str) -> None:
    """Give the lease up so another relay can take over at once."""
    await pool.execute(_RELEASE, holder)


async def settle(pool: asyncpg.Pool, sent: Sequence[int], refused: Sequence[tuple[int, str]]) -> None:
    """Mark what Kafka acknowledged as sent and what it refused for good as refused (with the reason)."""
    if sent:
        await pool.execute(_MARK_SENT, list(sent))
    if refused:
        await pool.execute(_MARK_REFUSED, [seq for seq, _ in refused], [why for _, why in refused])


async def backlog(pool: asyncpg.Pool) -> Backlog:
    """The current backlog (read through the partial indexes, not the sent history)."""
    pending, oldest, refused = await pool.fetchrow(_BACKLOG)
    return Backlog(pending, float(oldest or 0), refused)


async def prune(pool: asyncpg.Pool, keep_seconds: float) -> int:
    """Delete sent rows older than `keep_seconds`, in short chunks; return how many."""
    return await delete_in_chunks(pool, _PRUNE, keep_seconds, chunk=PRUNE_CHUNK)


async def refused_rows(pool: asyncpg.Pool) -> list[asyncpg.Record]:
    """Rows set aside as refused, oldest first, with how many rows of their key wait behind each."""
    rows: list[asyncpg.Record] = await pool.fetch(_REFUSED)
    return rows


async def retry_refused(pool: asyncpg.Pool, event_ids: Sequence[str] = ()) -> int:
    """Put refused rows (all, or those with these event ids) back in line; return how many."""
    status = await pool.execute(_RETRY, list(event_ids))
    return int(status.split()[-1])
