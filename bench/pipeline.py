"""Events/s of the kit's outbox relay and batch projection, each beside a bare aiokafka/asyncpg baseline."""

import asyncio
import secrets
import time
import uuid
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from contracts.envelope import Envelope, encode_event, source_for
from contracts.event import EventModel
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode
from contracts.events.enrolment import EnrolmentConfirmedV2
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.postgres import ServiceDatabase
from prometheus_client import CollectorRegistry
from reporting.bootstrap import ReportingSettings
from reporting.bootstrap import bootstrap as reporting_bootstrap

Message = tuple[bytes, bytes, list[tuple[str, bytes]]]
WRITE_CHUNK = 1000  # events per transaction when the outbox is filled in bulk


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


def enrolments(n: int, course_ids: list[uuid.UUID]) -> list[EnrolmentConfirmedV2]:
    """Confirmations as enrolment emits them (v2: the learner's dimensions travel with the fact)."""
    now = datetime.now(UTC)
    ids = [(uuid.uuid4(), uuid.uuid4()) for _ in range(n)]
    return [
        EnrolmentConfirmedV2(
            **(
                EXAMPLE_FACTS
                | {"enrolment_id": e, "learner_id": learner, "course_id": course_ids[i % len(course_ids)]}
            ),
            confirmed_at=now,
        )
        for i, (e, learner) in enumerate(ids)
    ]


def as_message(event: EventModel) -> Message:
    """A record as the relay sends it: key, JSON payload, CloudEvents headers with its own trace context."""
    traceparent = f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"
    envelope = Envelope.for_event(
        event, source=source_for(event.event_type().producer), traceparent=traceparent
    )
    return event.aggregate_id().encode(), encode_event(event), envelope.to_headers()


async def relay(kafka: str, db: ServiceDatabase, prefix: str, n: int, *, trace_per_event: bool) -> float:
    """Events/s the kit's relay publishes from a full outbox (claimed, sent, acknowledged, marked sent).

    `trace_per_event`: each row written under its own span (as HTTP requests write them), so each needs
    its own PRODUCER span; otherwise rows share their 1000-event transaction's span (a bulk import)."""
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
    tracer = service.runtime.telemetry.tracer
    try:
        events = courses(n)
        for i in range(0, n, WRITE_CHUNK):
            async with service.runtime.uow() as uow:
                for event in events[i : i + WRITE_CHUNK] if trace_per_event else ():
                    with tracer.start_as_current_span("request"):
                        uow.record(event)
                if not trace_per_event:
                    uow.record(*events[i : i + WRITE_CHUNK])
        publisher = service.runtime.relay()
        started = time.perf_counter()
        while await publisher.publish_pending():
            pass
        return n / (time.perf_counter() - started)
    finally:
        await service.runtime.stop()


async def raw_producer(kafka: str, topic: str, n: int) -> float:
    """Events/s of a bare idempotent acks=all aiokafka producer sending the same kind of records."""
    messages = [as_message(e) for e in courses(n)]
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka, acks="all", enable_idempotence=True, linger_ms=5, max_batch_size=1 << 20
    )
    await producer.start()
    try:
        started = time.perf_counter()
        for i in range(0, n, 500):
            futures = [await producer.send(topic, v, key=k, headers=h) for k, v, h in messages[i : i + 500]]
            await asyncio.gather(*futures)
        return n / (time.perf_counter() - started)
    finally:
        await producer.stop()


async def fill(kafka: str, topic: str, n: int) -> None:
    """`n` confirmed enrolments over 50 courses on `topic`, each with its own trace context."""
    messages = [as_message(e) for e in enrolments(n, [uuid.uuid4() for _ in range(50)])]
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", linger_ms=20, max_batch_size=1 << 20)
    await producer.start()
    try:
        for i in range(0, n, 1000):
            futures = [await producer.send(topic, v, key=k, headers=h) for k, v, h in messages[i : i + 1000]]
            await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def projection(kafka: str, db: ServiceDatabase, prefix: str, n: int) -> float:
    """Events/s the reporting service projects (decode, inbox, counts, one transaction per polled batch),
    from its first handled batch to its last (the group join before it is not counted)."""
    settings = ReportingSettings(
        database_url=db.runtime,
        migration_database_url=db.migration,
        kafka_bootstrap=kafka,
        topic_prefix=prefix,
    )
    service = reporting_bootstrap(settings)
    await asyncio.to_thread(service.runtime.migrate)
    await service.runtime.start()
    try:
        started, first_seen, first_count = time.perf_counter(), 0.0, 0
        while (count := _handled(service.runtime.metrics.registry)) < n:
            if count and not first_seen:
                first_seen, first_count = time.perf_counter(), count
            await asyncio.sleep(0.01)
        if not first_seen:  # all in the first poll (a small run): the group join is counted too
            return n / (time.perf_counter() - started)
        return (n - first_count) / (time.perf_counter() - first_seen)
    finally:
        await service.runtime.stop()


def _handled(registry: CollectorRegistry) -> int:
    samples = (s for m in registry.collect() if m.name == "events_handled" for s in m.samples)
    return int(sum(s.value for s in samples if s.name == "events_handled_total"))


async def raw_consumer(kafka: str, db: ServiceDatabase, topic: str, n: int) -> float:
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
        while done < n:
            for records in (await consumer.getmany(timeout_ms=200, max_records=500)).values():
                events = [EnrolmentConfirmedV2.model_validate_json(r.value) for r in records]
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
        return n / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await conn.close()
