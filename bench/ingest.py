"""Reporting's projection ingest rate from a pre-filled topic of mixed events, beside a bare consumer, and the
indicator queries' latency over HTTP on the data it projected."""

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass

import asyncpg
import httpx
import uvicorn
from aiokafka import AIOKafkaConsumer, TopicPartition
from contracts.topics import ENROLMENTS, LEARNERS, LEARNING_ACTIVITY, MESSAGES, Topic
from ingest_events import TOPICS, a_day_in_the_period, prefill
from localinfra.ports import free_port
from localinfra.postgres import PostgresServer, create_service_database
from prometheus_client import Counter
from reporting.bootstrap import ReportingSettings, bootstrap
from servicekit.devtoken import LOCAL_DEV_KEY, local_dev_token
from servicekit.kafka import ensure_topics
from servicekit.runtime import Service

FILLED = [t for t in (ENROLMENTS, LEARNERS, LEARNING_ACTIVITY, MESSAGES) if t.name in TOPICS]
QUERIES = {  # the main indicator endpoints, each breakdown in turn
    "participation": ("sex", "age_group", "locality"),
    "enrolments": ("sex", "locality", "support_category", "ethnic_minority", "domain", "delivery_mode"),
    "campaign-reach": ("locality", "sex", "support_category"),
}


@dataclass(frozen=True)
class IngestFigure:
    """The projection's rate beside the bare consumer's, and each indicator's latency percentiles (ms)."""

    events: int
    kit: float
    raw: float
    fill_seconds: float
    queries: dict[str, tuple[int, float, float]]  # endpoint -> (requests, p50, p99)
    growth: dict[int, tuple[float, float]]  # first k events -> (kit's rate, raw's rate) over them


async def measure(
    kafka: str, pg: PostgresServer, n: int, requests: int, prefixes: tuple[int, ...] = ()
) -> IngestFigure:
    """Fill fresh topics with `n` mixed events, project them, query the indicators, then the baseline; each
    rate also over the first k events for k in `prefixes` (growth with the data, from one fill)."""
    sizes = tuple(sorted({*prefixes, n}))
    run = uuid.uuid4().hex[:6]
    prefix = f"ingest{run}."
    await ensure_topics(kafka, FILLED, prefix)
    began = time.perf_counter()
    await prefill(kafka, prefix, n)
    filled = time.perf_counter() - began
    kit_db = await create_service_database(pg, f"ingest_{run}", "bench")
    settings = ReportingSettings(
        database_url=kit_db.runtime,
        migration_database_url=kit_db.migration,
        kafka_bootstrap=kafka,
        topic_prefix=prefix,
        http_port=free_port(),
        relay_enabled=False,
        jwt_dev_secret=LOCAL_DEV_KEY,  # the bench's own service on loopback, as `make run` starts it
        population_dataset="illustrative",  # rates beside the counts, as the demo shows them
    )
    service = bootstrap(settings)
    await asyncio.to_thread(service.runtime.migrate)
    server = uvicorn.Server(uvicorn.Config(service.app, port=settings.http_port, log_config=None))
    serving = asyncio.create_task(server.serve())
    try:
        kit = await _projected(service, sizes)
        queries = await _query(f"http://127.0.0.1:{settings.http_port}", requests)
    finally:
        server.should_exit = True
        await serving
    raw_db = await create_service_database(pg, f"ingest_raw_{run}", "bench")
    raw = await raw_consumer(kafka, raw_db.migration, prefix, FILLED, sizes)
    growth = {k: (kit[k], raw[k]) for k in sizes}
    return IngestFigure(n, kit[n], raw[n], filled, queries, growth)


async def _projected(service: Service, sizes: tuple[int, ...]) -> dict[int, float]:
    """Events/s from the first handled batch until each size in `sizes` is handled (the group join before
    the first batch is not counted)."""
    counter, started = service.runtime.metrics.events_handled, time.perf_counter()
    first_seen, first_count, rates = 0.0, 0, dict[int, float]()
    while len(rates) < len(sizes):
        count, now = _handled(counter), time.perf_counter()
        if count and not first_seen:
            first_seen, first_count = now, count
        # a size reached in the first poll (a small run) counts the group join too
        since, base = (first_seen, first_count) if count > first_count else (started, 0)
        rates |= {k: (count - base) / (now - since) for k in sizes if count >= k and k not in rates}
        # only this counter, every 50 ms: collecting the whole registry every 10 ms cost ~5 % of the
        # measured process's samples (the bench's cost, not the projection's)
        await asyncio.sleep(0.05)
    return rates


def _handled(counter: Counter) -> int:
    samples = (s for m in counter.collect() for s in m.samples)
    return int(sum(s.value for s in samples if s.name == "events_handled_total"))


async def _query(base: str, requests: int) -> dict[str, tuple[int, float, float]]:
    """`requests` GETs per endpoint, one at a time, cycling through its breakdowns: (count, p50, p99)."""
    token = local_dev_token("bench-leader", ["leader"])
    until = a_day_in_the_period().isoformat()
    figures = {}
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        for endpoint, breakdowns in QUERIES.items():
            took = []
            for i in range(requests):
                params = {"by": breakdowns[i % len(breakdowns)], "until": until}
                began = time.perf_counter()
                (await client.get(f"/v1/indicators/{endpoint}", params=params, timeout=60)).raise_for_status()
                took.append((time.perf_counter() - began) * 1000)
            cuts = statistics.quantiles(took, n=100, method="inclusive")
            figures[endpoint] = (requests, cuts[49], cuts[98])
    return figures


async def raw_consumer(
    kafka: str, dsn: str, prefix: str, topics: list[Topic], sizes: tuple[int, ...]
) -> dict[int, float]:
    """Events/s of bare aiokafka getmany (500 a poll) + one asyncpg transaction per batch writing the same
    events (inbox rows and the event rows, by unnest), until each size in `sizes` is written: no decoding,
    no logic, no offsets committed."""
    conn = await asyncpg.connect(dsn)
    await conn.execute(
        "CREATE TABLE raw_inbox (event_id text PRIMARY KEY, event_type text NOT NULL); "
        "CREATE TABLE raw_events (event_id text PRIMARY KEY, key text NOT NULL, payload jsonb NOT NULL)"
    )
    consumer = AIOKafkaConsumer(bootstrap_servers=kafka, enable_auto_commit=False)
    await consumer.start()
    partitions = [TopicPartition(prefix + t.name, p) for t in topics for p in range(t.partitions)]
    consumer.assign(partitions)
    await consumer.seek_to_beginning(*partitions)
    done, started, rates = 0, time.perf_counter(), dict[int, float]()
    try:
        while done < max(sizes):
            for records in (await consumer.getmany(timeout_ms=200, max_records=500)).values():
                await _write(conn, records)
                done += len(records)
            now = time.perf_counter()
            rates |= {k: done / (now - started) for k in sizes if done >= k and k not in rates}
        return rates
    finally:
        await consumer.stop()
        await conn.close()


async def _write(conn: asyncpg.Connection, records: list) -> None:  # type: ignore[type-arg]
    ids, types = [], []
    for r in records:
        headers = dict(r.headers)
        ids.append(headers["ce_id"].decode())
        types.append(headers["ce_type"].decode())
    async with conn.transaction():
        await conn.execute(
            "INSERT INTO raw_inbox SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
            ids,
            types,
        )
        await conn.execute(
            "INSERT INTO raw_events SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) "
            "ON CONFLICT DO NOTHING",
            ids,
            [r.key.decode() for r in records],
            [r.value.decode() for r in records],
        )


BASELINE = "aiokafka getmany + asyncpg tx (inbox + event rows)"


def query_table(f: IngestFigure) -> list[str]:
    """The indicator queries' latency on the projected events (the first query of a period and breakdown
    computes and publishes its snapshot; later ones read it)."""
    lines = [
        f"| indicator query on the {f.events:,} projected events | requests | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
    ]
    for endpoint, (count, p50, p99) in f.queries.items():
        lines.append(f"| GET /v1/indicators/{endpoint} | {count} | {p50:.1f} | {p99:.1f} |")
    return lines
