"""`make bench`: outbox relay and reporting projection throughput beside raw aiokafka/asyncpg, in one run."""

import asyncio
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from contracts.envelope import Envelope, encode_event, source_for
from contracts.event import EventModel
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from contracts.topics import ENROLMENTS, FOREVER, Topic
from localinfra.backend import start_infra
from localinfra.postgres import ServiceDatabase, create_service_database
from reporting.bootstrap import ReportingSettings
from reporting.bootstrap import bootstrap as reporting_bootstrap
from servicekit.kafka import ensure_topics

EVENTS = int(os.environ.get("BENCH_EVENTS", "50000"))


def _headers(event: EventModel) -> list[tuple[str, bytes]]:
    return Envelope.for_event(event, source=source_for(event.event_type().producer)).to_headers()


def courses(n: int) -> list[CoursePublishedV1]:
    now = datetime.now(UTC)
    return [
        CoursePublishedV1(
            course_id=uuid.uuid4(),
            code=f"B-{i}",
            title_vi="Khóa học",
            title_en="Course",
            theme=CourseTheme.HEALTH,
            delivery_mode=DeliveryMode.ONLINE,
            capacity=None,
            published_at=now,
        )
        for i in range(n)
    ]


def enrolments(n: int, course_ids: list[uuid.UUID]) -> list[EnrolmentConfirmedV1]:
    now = datetime.now(UTC)
    return [
        EnrolmentConfirmedV1(
            enrolment_id=uuid.uuid4(),
            course_id=course_ids[i % len(course_ids)],
            learner_id=uuid.uuid4(),
            confirmed_at=now,
        )
        for i in range(n)
    ]


async def bench_relay(kafka: str, db: ServiceDatabase, prefix: str) -> float:
    """Events/s the kit's relay publishes from a full outbox (rows claimed, sent, marked sent)."""
    settings = ContentSettings(
        database_url=db.runtime,
        migration_database_url=db.migration,
        kafka_bootstrap=kafka,
        topic_prefix=prefix,
        relay_enabled=False,
    )
    service = content_bootstrap(settings)
    await asyncio.to_thread(service.runtime.migrate)
    await service.runtime.start()
    try:
        events = courses(EVENTS)
        for i in range(0, EVENTS, 1000):
            async with service.runtime.uow() as uow:
                uow.record(*events[i : i + 1000])
        relay = service.runtime.relay()
        started = time.perf_counter()
        while await relay.publish_pending():
            pass
        return EVENTS / (time.perf_counter() - started)
    finally:
        await service.runtime.stop()


async def bench_raw_producer(kafka: str, topic: str) -> float:
    """Events/s of a bare idempotent acks=all aiokafka producer sending the same kind of messages."""
    events = courses(EVENTS)
    messages = [
        (
            e.aggregate_id().encode(),
            encode_event(e),
            _headers(e),
        )
        for e in events
    ]
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka, acks="all", enable_idempotence=True, linger_ms=5, max_batch_size=1 << 20
    )
    await producer.start()
    try:
        started = time.perf_counter()
        for i in range(0, EVENTS, 500):
            futures = [await producer.send(topic, v, key=k, headers=h) for k, v, h in messages[i : i + 500]]
            await asyncio.gather(*futures)
        return EVENTS / (time.perf_counter() - started)
    finally:
        await producer.stop()


async def fill(kafka: str, topic: str, events: list[EnrolmentConfirmedV1]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", linger_ms=20, max_batch_size=1 << 20)
    await producer.start()
    try:
        for i in range(0, len(events), 1000):
            futures = [
                await producer.send(
                    topic,
                    encode_event(e),
                    key=e.aggregate_id().encode(),
                    headers=_headers(e),
                )
                for e in events[i : i + 1000]
            ]
            await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def bench_projection(kafka: str, db: ServiceDatabase, prefix: str) -> float:
    """Events/s the reporting service's batch consumer projects (decode, inbox, counts, one tx per batch)."""
    settings = ReportingSettings(
        database_url=db.runtime,
        migration_database_url=db.migration,
        kafka_bootstrap=kafka,
        topic_prefix=prefix,
    )
    service = reporting_bootstrap(settings)
    await asyncio.to_thread(service.runtime.migrate)
    conn = await asyncpg.connect(db.runtime)
    await service.runtime.start()
    try:
        first_seen, first_count = None, 0
        while (count := await conn.fetchval("SELECT count(*) FROM inbox")) < EVENTS:
            if count and first_seen is None:
                first_seen, first_count = time.perf_counter(), count
            await asyncio.sleep(0.02)
        assert first_seen is not None
        return (EVENTS - first_count) / (time.perf_counter() - first_seen)
    finally:
        await service.runtime.stop()
        await conn.close()


async def bench_raw_consumer(kafka: str, db: ServiceDatabase, topic: str) -> float:
    """Events/s of bare aiokafka getmany + pydantic + one asyncpg transaction per batch (inbox + counts)."""
    conn = await asyncpg.connect(db.migration)  # the baseline creates its own tables: the owner
    await conn.execute(
        "CREATE TABLE raw_inbox (event_id text PRIMARY KEY); "
        "CREATE TABLE raw_counts (course_id uuid PRIMARY KEY, n bigint NOT NULL)"
    )
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka, enable_auto_commit=False, max_partition_fetch_bytes=1 << 22
    )
    await consumer.start()
    partitions = [TopicPartition(topic, p) for p in range(3)]
    consumer.assign(partitions)
    await consumer.seek_to_beginning(*partitions)
    done, started = 0, time.perf_counter()
    try:
        while done < EVENTS:
            for records in (await consumer.getmany(timeout_ms=200, max_records=5000)).values():
                events = [EnrolmentConfirmedV1.model_validate_json(r.value) for r in records]
                async with conn.transaction():
                    await conn.execute(
                        "INSERT INTO raw_inbox SELECT unnest($1::text[]) ON CONFLICT DO NOTHING",
                        [dict(r.headers)["ce_id"].decode() for r in records],
                    )
                    await conn.execute(
                        "INSERT INTO raw_counts SELECT unnest($1::uuid[]), 1 ON CONFLICT (course_id)"
                        " DO UPDATE SET n = raw_counts.n + 1",
                        list({e.course_id for e in events}),
                    )
                done += len(records)
        return EVENTS / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await conn.close()


def data_dir() -> Path:
    data = Path(tempfile.mkdtemp(prefix="lc-bench-", dir="/tmp"))
    data.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    return data


async def main() -> None:
    infra = start_infra(data_dir(), fixed_ports=False)
    try:
        kafka, pg, prefix = infra.kafka.bootstrap_servers, infra.postgres, f"bench{uuid.uuid4().hex[:6]}."
        raw = Topic("raw", 3, FOREVER, "bench baseline", ())
        await ensure_topics(kafka, [raw, ENROLMENTS], prefix)
        content_dsn = await create_service_database(pg, "bench_content", "bench")
        reporting_dsn = await create_service_database(pg, "bench_reporting", "bench")
        rows = [
            ("outbox relay (kit) -> Kafka", await bench_relay(kafka, content_dsn, prefix)),
            ("raw aiokafka producer (baseline)", await bench_raw_producer(kafka, prefix + raw.name)),
        ]
        await fill(kafka, prefix + ENROLMENTS.name, enrolments(EVENTS, [uuid.uuid4() for _ in range(50)]))
        rows += [
            ("reporting projection (kit, batch)", await bench_projection(kafka, reporting_dsn, prefix)),
            (
                "raw aiokafka + asyncpg (baseline)",
                await bench_raw_consumer(kafka, reporting_dsn, prefix + ENROLMENTS.name),
            ),
        ]
    finally:
        infra.stop()
    print(f"\n{EVENTS} events, {os.cpu_count()} cores, Kafka and PostgreSQL local on loopback, one run")
    print(f"{'path':<40} {'events/s':>10}")
    for name, rate in rows:
        print(f"{name:<40} {rate:>10,.0f}")


if __name__ == "__main__":
    asyncio.run(main())
