"""The raw asyncpg baseline of an enrolment: the same rows the service writes, one transaction each."""

import asyncio
import json
import statistics
import time
import uuid
from datetime import UTC, datetime

import asyncpg
from httpload import HttpFigure
from localinfra.postgres import ServiceDatabase

OFFERINGS = 40
_SCHEMA = (
    "CREATE TABLE raw_offerings (id uuid PRIMARY KEY, confirmed integer NOT NULL DEFAULT 0); "
    "CREATE TABLE raw_places (id uuid PRIMARY KEY, offering_id uuid NOT NULL, learner_id uuid NOT NULL, "
    "status text NOT NULL, requested_at timestamptz NOT NULL, sex text, age_band text, locality_code text); "
    "CREATE TABLE raw_outbox (seq bigserial PRIMARY KEY, id uuid NOT NULL, topic text NOT NULL, "
    "key text NOT NULL, payload jsonb NOT NULL, headers jsonb NOT NULL)"
)


async def _enrol(conn: asyncpg.Connection, offering: uuid.UUID) -> None:
    """Lock the offering, add the place, count the seat, write the confirmation event: one commit."""
    place, learner, now = uuid.uuid4(), uuid.uuid4(), datetime.now(UTC)
    event = json.dumps({"enrolment_id": str(place), "learner_id": str(learner), "offering_id": str(offering)})
    async with conn.transaction():
        await conn.fetchrow("SELECT confirmed FROM raw_offerings WHERE id = $1 FOR UPDATE", offering)
        await conn.execute(
            "INSERT INTO raw_places VALUES ($1, $2, $3, 'confirmed', $4, 'female', '25-54', '00004')",
            place,
            offering,
            learner,
            now,
        )
        await conn.execute("UPDATE raw_offerings SET confirmed = confirmed + 1 WHERE id = $1", offering)
        await conn.execute(
            "INSERT INTO raw_outbox (id, topic, key, payload, headers) VALUES ($1, $2, $3, $4, '{}')",
            uuid.uuid4(),
            "enrolment.enrolments",
            str(place),
            event,
        )


async def enrolments(db: ServiceDatabase, n: int, clients: int) -> HttpFigure:
    """`n` enrolments from `clients` concurrent connections over 40 offerings: rate and latency (ms)."""
    setup = await asyncpg.connect(db.migration)
    await setup.execute(_SCHEMA)
    offerings = [uuid.uuid4() for _ in range(OFFERINGS)]
    await setup.executemany("INSERT INTO raw_offerings (id) VALUES ($1)", [(o,) for o in offerings])
    await setup.close()
    pool = await asyncpg.create_pool(db.migration, min_size=clients, max_size=clients)
    latencies: list[float] = []
    next_op = iter(range(n))

    async def client() -> None:
        async with pool.acquire() as conn:
            for i in next_op:
                began = time.perf_counter()
                await _enrol(conn, offerings[i % OFFERINGS])
                latencies.append((time.perf_counter() - began) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    rate = n / (time.perf_counter() - started)
    await pool.close()
    cuts = statistics.quantiles(latencies, n=1000)
    name = "raw asyncpg: the same rows, a transaction each (baseline)"
    return HttpFigure(name, clients, rate, statistics.median(latencies), cuts[989], cuts[998], 0, 0)
