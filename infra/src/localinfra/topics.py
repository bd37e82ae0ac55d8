"""Topics in tests: produce well-formed or broken records, read a topic from the beginning without a group."""

import asyncio
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from contracts.envelope import Envelope, encode_event, source_for
from contracts.event import EventModel


async def read_topic(
    bootstrap: str, topic: str, expected: int, timeout: float = 20.0
) -> list[ConsumerRecord[Any, Any]]:
    """Read `topic` from the beginning until `expected` records arrived (or the deadline)."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    await consumer.start()
    records: list[ConsumerRecord[Any, Any]] = []
    try:
        async with asyncio.timeout(timeout):
            while len(records) < expected:
                for batch in (await consumer.getmany(timeout_ms=200)).values():
                    records.extend(batch)
        # a short extra read proves nothing more than expected arrived
        for batch in (await consumer.getmany(timeout_ms=500)).values():
            records.extend(batch)
    finally:
        await consumer.stop()
    return records


Message = tuple[bytes | None, list[tuple[str, bytes]]]


def as_message(event: EventModel, source: str | None = None) -> Message:
    """A well-formed record for `event`: its JSON payload and CloudEvents headers, by default from the
    event's declared producer (consumers refuse any other ``ce_source``)."""
    sender = source or source_for(event.event_type().producer)
    return encode_event(event), Envelope.for_event(event, source=sender).to_headers()


async def produce(bootstrap: str, topic: str, messages: list[Message], key: bytes = b"k") -> None:
    """Send `messages` with one key (one partition), in order, each acknowledged before the next."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for value, headers in messages:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def produce_together(bootstrap: str, topic: str, messages: list[Message], key: bytes = b"k") -> None:
    """Like `produce`, but in one produce request, so a consumer polls them as one batch."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=100)
    await producer.start()
    try:
        sent = [await producer.send(topic, value, key=key, headers=headers) for value, headers in messages]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()
