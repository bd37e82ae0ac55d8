"""Review of the kit's delivery guarantees: each test states a promise of docs/architecture.md.

Every test here runs against the real Kafka broker and PostgreSQL server of the session.
"""

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from contracts.envelope import Envelope, encode_event
from contracts.topics import COURSES
from localinfra.polling import eventually
from servicekit.dlqtool import read_dead_letters
from servicekit.kafka import ensure_topics

pytestmark = pytest.mark.integration


def valid(event) -> tuple[bytes, list[tuple[str, bytes]]]:
    return encode_event(event), Envelope.for_event(event, source="/test").to_headers()


async def produce(bootstrap: str, topic: str, messages, key: bytes = b"k") -> None:
    """Send `messages` ((value, headers) pairs) with one key, so they share a partition, in order."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for value, headers in messages:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def seen_codes(runtime) -> list[str]:
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def committed_offsets(bootstrap: str, group: str, topic: str, partitions: int) -> dict[int, int]:
    """The group's committed offsets on `topic` (partitions without a commit left out)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        offsets = {p: await consumer.committed(TopicPartition(topic, p)) for p in range(partitions)}
        return {p: o for p, o in offsets.items() if o is not None}
    finally:
        await consumer.stop()


# --- faststream's batch parser: one binary header makes a whole batch vanish ---------------------------


async def test_event_with_a_binary_header_and_its_batch_are_not_silently_skipped(
    make_runtime, kafka_server, course, faults, consumer_for, topic_prefix
):
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [COURSES], topic_prefix)
    topic = topic_prefix + COURSES.name
    value, headers = valid(course("BINARY-1"))
    # A valid event that also carries a binary (non UTF-8) application header, as tracing/baggage
    # libraries or other producers may add; the kit's decoder ignores headers it does not know.
    binary = (value, [*headers, ("x-binary-trace", b"\xff\xfe\x00\x01")])
    # Produced before the consumer starts, so the first poll returns all three as one batch.
    await produce(bootstrap, topic, [valid(course("BEFORE-1")), binary, valid(course("BETWEEN-1"))])
    runtime = await make_runtime([consumer_for(faults)])
    await eventually(lambda: _polled_past(runtime, 3), timeout=30)  # the first batch was polled
    await produce(bootstrap, topic, [valid(course("AFTER-1"))])

    await eventually(lambda: _has(runtime, "AFTER-1"), timeout=30)
    await asyncio.sleep(1)  # let the ack of the last batch reach the broker
    committed = await committed_offsets(bootstrap, topic_prefix + "kit", topic, COURSES.partitions)
    letters = await read_dead_letters(bootstrap, topic, timeout=5)
    seen = await seen_codes(runtime)
    assert sorted(seen) == sorted(["BEFORE-1", "BINARY-1", "BETWEEN-1", "AFTER-1"]), (
        f"processed only {seen}, dead-lettered {len(letters)}, and the group committed {committed}: "
        "the first batch is skipped for good"
    )


async def _has(runtime, code: str) -> bool:
    return code in await seen_codes(runtime)


async def _polled_past(runtime, offset: int) -> bool:
    """True once the runtime's consumer position passed `offset` on some partition (test introspection)."""
    for subscriber in runtime._broker.subscribers:
        consumer = subscriber.consumer
        if consumer is None:
            continue
        for tp in consumer.assignment():
            if await consumer.position(tp) >= offset:
                return True
    return False
