"""The end-to-end latency's raw baseline, at the same arrival rates as the platform's rows, in the same run.

Per arrival: a bare asyncpg INSERT + COMMIT of a row (as the enrolment and its outbox row), then a bare
aiokafka produce of it (acks=all, as the relay), read by a bare aiokafka consumer that INSERTs + COMMITs each
polled batch into a second database (as a consumer's inbox). Both ends are `DEFAULT now()` columns read from
PostgreSQL on one clock, as `latency` reads the platform's outbox `created_at` and inbox `received_at`: no
kit, no service, no logic.
"""

import asyncio
import statistics
import time
import uuid

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from contracts.topics import ENROLMENTS, FOREVER, Topic
from latency import LatencyFigure
from localinfra.postgres import PostgresServer, create_service_database
from servicekit.kafka import ensure_topics

LABEL = "raw baseline: asyncpg commit -> aiokafka produce -> aiokafka consumer -> asyncpg commit"
_TABLE = "CREATE TABLE {} (id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())"
_RECEIVED = "INSERT INTO received (id) SELECT unnest($1::uuid[])"
POOL = 10  # the size of a service's pool (servicekit's db_pool_max)


async def measure(kafka: str, pg: PostgresServer, rate: int, seconds: float) -> LatencyFigure:
    """`rate * seconds` rows at `rate`/s on a fixed schedule through the raw path: p50/p99 of commit ->
    consumer's commit."""
    run, began = uuid.uuid4().hex[:6], time.monotonic()
    topic = Topic(f"e2e_raw_{run}", ENROLMENTS.partitions, FOREVER, "bench baseline", ())
    await ensure_topics(kafka, [topic], "bench.")
    source, sink = [await create_service_database(pg, f"bench_e2e_{run}_{i}", "bench") for i in range(2)]
    pool = await asyncpg.create_pool(source.migration, min_size=POOL, max_size=POOL)
    await pool.execute(_TABLE.format("written"))
    target = await asyncpg.connect(sink.migration)
    await target.execute(_TABLE.format("received"))
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", enable_idempotence=True, linger_ms=0)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka,
        enable_auto_commit=False,
        auto_offset_reset="earliest",  # a fresh topic
    )
    await producer.start()
    await consumer.start()
    count = max(2, int(rate * seconds))
    try:
        consumer.assign([TopicPartition("bench." + topic.name, p) for p in range(topic.partitions)])
        reading = asyncio.create_task(_consume(consumer, target, count, deadline=seconds + 30))
        await _send_at_rate(pool, producer, "bench." + topic.name, count, rate)
        await reading
        figure = await _figure(pool, target, rate, count)
        print(f"end to end, raw baseline at {rate}/s: took {time.monotonic() - began:.0f} s", flush=True)
        return figure
    finally:
        await producer.stop()
        await consumer.stop()
        await target.close()
        await pool.close()


async def _send_at_rate(
    pool: asyncpg.Pool, producer: AIOKafkaProducer, topic: str, n: int, rate: int
) -> None:
    async def one(key: uuid.UUID) -> None:
        await pool.execute("INSERT INTO written (id) VALUES ($1)", key)  # autocommit: its own transaction
        await producer.send_and_wait(topic, key=key.bytes, value=key.bytes)

    start, tasks = time.monotonic(), []
    for i in range(n):
        await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
        tasks.append(asyncio.create_task(one(uuid.uuid4())))
    await asyncio.gather(*tasks)


async def _consume(consumer: AIOKafkaConsumer, target: asyncpg.Connection, n: int, deadline: float) -> None:
    """One transaction per polled batch, until `n` rows are in (or `deadline` s have passed)."""
    done, until = 0, time.monotonic() + deadline
    while done < n and time.monotonic() < until:
        for records in (await consumer.getmany(timeout_ms=100, max_records=500)).values():
            async with target.transaction():
                await target.execute(_RECEIVED, [uuid.UUID(bytes=r.value) for r in records])
            done += len(records)


async def _figure(pool: asyncpg.Pool, target: asyncpg.Connection, rate: int, sent: int) -> LatencyFigure:
    written = {r["id"]: r["at"] for r in await pool.fetch("SELECT id, at FROM written")}
    received = {r["id"]: r["at"] for r in await target.fetch("SELECT id, at FROM received")}
    waits = [(received[k] - written[k]).total_seconds() * 1000 for k in received if k in written]
    if len(waits) < 2:
        return LatencyFigure(LABEL, rate, len(waits), float("nan"), float("nan"), sent)
    cuts = statistics.quantiles(waits, n=100)
    return LatencyFigure(LABEL, rate, len(waits), cuts[49], cuts[98], sent)
