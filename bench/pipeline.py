"""Events/s of the kit's outbox relay beside a bare aiokafka producer (the projection: `ingest`)."""

import asyncio
import secrets
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from aiokafka.partitioner import DefaultPartitioner
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from contracts.envelope import Envelope, encode_event, source_for
from contracts.event import EventModel
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode
from localinfra.postgres import ServiceDatabase
from servicekit.kafka import create_producer
from servicekit.runtime import Service

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


def as_message(event: EventModel) -> Message:
    """A record as the relay sends it: key, JSON payload, CloudEvents headers with its own trace context."""
    traceparent = f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"
    envelope = Envelope.for_event(
        event, source=source_for(event.event_type().producer), traceparent=traceparent
    )
    return event.aggregate_id().encode(), encode_event(event), envelope.to_headers()


@asynccontextmanager
async def filled_outbox(
    kafka: str, db: ServiceDatabase, prefix: str, n: int, *, trace_per_event: bool
) -> AsyncIterator[Service]:
    """A content service (its relay not running) whose outbox holds `n` course events, stopped on exit.

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
        yield service
    finally:
        await service.runtime.stop()


async def relay(kafka: str, db: ServiceDatabase, prefix: str, n: int, *, trace_per_event: bool) -> float:
    """Events/s the kit's relay publishes from a full outbox (claimed, sent, acknowledged, marked sent)."""
    async with filled_outbox(kafka, db, prefix, n, trace_per_event=trace_per_event) as service:
        publisher = service.runtime.relay()
        started = time.perf_counter()
        while await publisher.publish_available():  # batches in flight at once, as the relay's loop
            pass
        return n / (time.perf_counter() - started)


async def raw_producer(kafka: str, topic: str, n: int) -> float:
    """Events/s of a bare idempotent acks=all aiokafka producer sending the same kind of records."""
    messages = [as_message(e) for e in courses(n)]
    shared = create_producer(kafka)  # built as the relay's: the same acks, idempotence, linger, batch size
    producer = await shared.current()
    try:
        started = time.perf_counter()
        for i in range(0, n, 500):
            futures = [await producer.send(topic, v, key=k, headers=h) for k, v, h in messages[i : i + 500]]
            await asyncio.gather(*futures)
        return n / (time.perf_counter() - started)
    finally:
        await shared.stop()


async def raw_record_batches(kafka: str, topic: str, n: int) -> float:
    """Events/s of the same producer on its fastest path: closed record batches per partition, `send_batch`
    (no per-record future, partitioner call or linger), 500 records a round, partitions as aiokafka picks."""
    messages = [as_message(e) for e in courses(n)]
    shared = create_producer(kafka)
    producer = await shared.current()
    try:
        partitions = sorted(await producer.partitions_for(topic))
        pick = DefaultPartitioner()
        started = time.perf_counter()
        for i in range(0, n, 500):
            by_partition: dict[int, list[Message]] = {}
            for k, v, h in messages[i : i + 500]:
                by_partition.setdefault(pick(k, partitions, partitions), []).append((k, v, h))
            futures = [await _send_batches(producer, topic, p, rows) for p, rows in by_partition.items()]
            await asyncio.gather(*(f for batch in futures for f in batch))
        return n / (time.perf_counter() - started)
    finally:
        await shared.stop()


async def _send_batches(producer: Any, topic: str, partition: int, rows: list[Message]) -> list[Any]:
    futures, batch = [], producer.create_batch()
    for key, value, headers in rows:
        while batch.append(key=key, value=value, timestamp=None, headers=headers) is None:
            batch.close()
            futures.append(await producer.send_batch(batch, topic, partition=partition))
            batch = producer.create_batch()
    batch.close()
    futures.append(await producer.send_batch(batch, topic, partition=partition))
    return futures
