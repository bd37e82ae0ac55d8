"""Idempotency keys: a replayed request gets the first response, stored in the same transaction as its effect.

Two requests with one key at once: the second's INSERT waits on the first's uncommitted row, then finds the
committed response (or, if the first rolled back, goes ahead itself). A key reused with another body is
refused. Only responses of committed work are stored; a refused request keeps no key, so its replay is
decided again. Keys older than the kept period count as new and are pruned.
"""

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg

from servicekit.db import UnitOfWork, delete_in_chunks

# A placeholder response marks the key as taken until the work's response replaces it in the transaction.
_CLAIM = """
INSERT INTO idempotency_keys (scope, key, request_hash, status, body) VALUES ($1, $2, $3, 0, '')
ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, body = '',
    created_at = now()
WHERE idempotency_keys.created_at < now() - make_interval(secs => $4)
RETURNING 1
"""
_STORED = "SELECT request_hash, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2"
_REMEMBER = "UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2"
_PRUNE = """
DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
    SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1) LIMIT $2
))
"""
_PRUNE_CHUNK = 5000


class KeyReused(ValueError):
    """The key was used before with a different request (HTTP 422)."""

    status, title, kind = 422, "Idempotency key reused", "idempotency-key-reused"


@dataclass(frozen=True)
class IdempotencyKey:
    """A caller's key for one request: `scope` names the route and caller, `request_hash` the request."""

    scope: str
    key: str
    request_hash: str
    keep_seconds: float

    @classmethod
    def of(cls, scope: str, key: str, request: Any, keep_seconds: float) -> "IdempotencyKey":
        """A key for a JSON-able request (hashed in canonical form: key order and spacing do not matter)."""
        canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), default=str)
        return cls(scope, key, hashlib.sha256(canonical.encode()).hexdigest(), keep_seconds)


@dataclass(frozen=True)
class StoredResponse:
    """A response as it was first given."""

    status: int
    body: bytes


async def once(
    uow: UnitOfWork, key: IdempotencyKey, work: Callable[[], Awaitable[StoredResponse]]
) -> StoredResponse:
    """Run `work` (which joins this transaction) and store its response with the key, or give the stored
    response of an earlier request with the same key and request."""
    async with uow:
        conn = uow.connection
        claimed = await conn.fetchval(_CLAIM, key.scope, key.key, key.request_hash, key.keep_seconds)
        if claimed is None:
            return await _stored(conn, key)
        response = await work()
        uow.later(_REMEMBER, key.scope, key.key, response.status, response.body)  # with the outbox rows
    return response


async def _stored(conn: asyncpg.Connection, key: IdempotencyKey) -> StoredResponse:
    row = await conn.fetchrow(_STORED, key.scope, key.key)
    if row["request_hash"] != key.request_hash:
        raise KeyReused("this Idempotency-Key was used with a different request")
    return StoredResponse(row["status"], bytes(row["body"]))


async def prune_idempotency_keys(pool: asyncpg.Pool, keep_seconds: float) -> int:
    """Delete keys older than `keep_seconds`, in chunks; return how many."""
    return await delete_in_chunks(pool, _PRUNE, keep_seconds, chunk=_PRUNE_CHUNK)
