"""The raw asyncpg baseline of xAPI ingestion: the same statement and outbox rows, no logic, same batches.

What is left when the LRS's work (HTTP, auth, the xAPI checks, content hashes, learner lookup, envelopes)
is taken away: per batch of 100, one transaction that inserts the statements' rows and their outbox rows,
each with one multi-row INSERT, from as many connections as the bench has clients."""

import asyncio
import json
import time
import uuid
from typing import Any

import asyncpg
from localinfra.postgres import PostgresServer, create_service_database

_SCHEMA = (
    "CREATE TABLE raw_statements (id uuid PRIMARY KEY, client text NOT NULL, content_hash text NOT NULL,"
    " body jsonb NOT NULL, stored timestamptz NOT NULL); "
    "CREATE TABLE raw_outbox (seq bigserial PRIMARY KEY, id uuid NOT NULL, topic text NOT NULL,"
    " key text NOT NULL, payload jsonb NOT NULL, headers jsonb NOT NULL)"
)
_STATEMENTS = (
    "INSERT INTO raw_statements SELECT id, 'raw', h, b::jsonb, now()"
    " FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, h, b)"
)
_OUTBOX = (
    "INSERT INTO raw_outbox (id, topic, key, payload, headers) SELECT id, 'city.learning-activity', k,"
    " p::jsonb, '{}' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS o(id, k, p)"
)
BASELINE = "raw asyncpg insert, same rows and batches"
Rows = tuple[list[uuid.UUID], list[str], list[str], list[uuid.UUID], list[str], list[str]]


def _rows(batch: list[dict[str, Any]]) -> Rows:
    """A batch's statement rows (id, a stand-in hash, body) and outbox rows (id, key, payload), prebuilt."""
    learners = [s["actor"]["account"]["name"] for s in batch]
    payloads = [
        json.dumps({"learner_id": learner, "activity_id": s["object"]["id"], "occurred_at": s["timestamp"]})
        for learner, s in zip(learners, batch, strict=True)
    ]
    ids = [uuid.UUID(s["id"]) for s in batch]
    outbox = [uuid.uuid4() for _ in batch]
    return ids, [s["id"] for s in batch], [json.dumps(s) for s in batch], outbox, learners, payloads


async def statements_per_second(
    pg: PostgresServer, batches: list[list[dict[str, Any]]], clients: int
) -> float:
    """Insert every batch (statements and outbox rows, one transaction a batch) from `clients` connections
    on a fresh database; statements per second."""
    db = await create_service_database(pg, f"bench_xapi_raw_{uuid.uuid4().hex[:6]}", "bench")
    setup = await asyncpg.connect(db.migration)
    await setup.execute(_SCHEMA)
    await setup.close()
    todo = iter([_rows(batch) for batch in batches])
    pool = await asyncpg.create_pool(db.migration, min_size=clients, max_size=clients)

    async def client() -> None:
        async with pool.acquire() as conn:
            for ids, hashes, bodies, outbox_ids, keys, payloads in todo:
                async with conn.transaction():
                    await conn.execute(_STATEMENTS, ids, hashes, bodies)
                    await conn.execute(_OUTBOX, outbox_ids, keys, payloads)

    try:
        started = time.monotonic()
        await asyncio.gather(*(client() for _ in range(clients)))
        took = time.monotonic() - started
    finally:
        await pool.close()
    return sum(len(b) for b in batches) / took
