"""Operator commands on dead-letter topics: list what is there and redrive it to its origin."""

import asyncio
from collections.abc import Collection

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from servicekit.deadletter import DeadLetter, dead_letter_topic, strip_dlq_headers

REDRIVEN_HEADER = "dlq_redriven_from"


async def read_dead_letters(bootstrap: str, topic: str, timeout: float = 10.0) -> list[DeadLetter]:
    """Everything currently in `topic`'s DLQ, oldest first (reads to the end offsets, commits nothing)."""
    dlq = dead_letter_topic(topic)
    partitions = [TopicPartition(dlq, p) for p in await _partitions(bootstrap, dlq)]
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        return await _read_until(consumer, ends, timeout)
    finally:
        await consumer.stop()


async def _partitions(bootstrap: str, topic: str) -> list[int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return sorted(p["partition"] for p in described["partitions"]) if described["error_code"] == 0 else []


async def _read_until(
    consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int], timeout: float
) -> list[DeadLetter]:
    found: list[DeadLetter] = []
    async with asyncio.timeout(timeout):
        while [tp for tp, end in ends.items() if await consumer.position(tp) < end]:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                found += [DeadLetter(r.offset, r.partition, r.key, r.value, list(r.headers)) for r in records]
    return sorted(found, key=lambda d: (d.partition, d.offset))


async def redrive(bootstrap: str, topic: str, event_ids: Collection[str] = ()) -> int:
    """Republish dead letters (all, or those with the given ce_id) to their origin; return the count.

    Consumers are idempotent, so redriving an event twice has one effect.
    """
    letters = [
        d for d in await read_dead_letters(bootstrap, topic) if not event_ids or d.event_id in event_ids
    ]
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for letter in letters:
            headers = [
                *strip_dlq_headers(letter.headers),
                (REDRIVEN_HEADER, dead_letter_topic(topic).encode()),
            ]
            await producer.send_and_wait(
                letter.origin or topic, letter.value, key=letter.key, headers=headers
            )
    finally:
        await producer.stop()
    return len(letters)
