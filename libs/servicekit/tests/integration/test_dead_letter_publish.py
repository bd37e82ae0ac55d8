"""A dead letter the broker refuses is backed off, never retried hot; one too large goes truncated.

Real Kafka and PostgreSQL.
"""

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters
from servicekit.kafka import ensure_topics

from libs.servicekit.tests.kit_events import ITEMS, ItemPublishedV1, record_seen

pytestmark = pytest.mark.integration
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


def _recording_consumer() -> EventConsumer:
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        await record_seen(uow, event)

    return consumer


async def _has(runtime, code: str) -> bool:
    return code in [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen")]


async def _limit_message_bytes(bootstrap: str, topic: str, limit: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        resource = ConfigResource(ConfigResourceType.TOPIC, topic, configs={"max.message.bytes": str(limit)})
        await admin.alter_configs([resource])
    finally:
        await admin.close()


def _count_sends_to(runtime, topic: str) -> list[int]:
    """Counts the runtime producer's tries to dead-letter to `topic` (a truncated copy is the same try)."""
    count = [0]
    original = runtime.producer.send

    async def counting(to: str, *args, **kwargs):
        truncated = any(k == "dlq_truncated_from_bytes" for k, _ in kwargs.get("headers", []))
        count[0] += to == topic and not truncated
        return await original(to, *args, **kwargs)

    runtime.producer.send = counting
    return count


async def test_record_whose_dead_letter_is_over_the_size_limit_is_dead_lettered_truncated(
    make_runtime, kafka_server, item, topic_prefix
):
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)
    topic = topic_prefix + ITEMS.name
    await _limit_message_bytes(bootstrap, topic + ".dlq", 8192)
    runtime = await make_runtime([_recording_consumer()])
    sends = _count_sends_to(runtime, topic + ".dlq")
    # fits the topic, but not once the dead-letter headers are added
    near_limit = (b"{" + b"x" * 7600, as_message(item("BIG-1"))[1])
    await produce_together(bootstrap, topic, [near_limit, as_message(item("NEXT-1"))])
    try:
        await eventually(lambda: _has(runtime, "NEXT-1"), timeout=15)
    except AssertionError:
        pytest.fail(f"NEXT-1 never handled; {sends[0]} refused dead-letter sends in 15 s (a hot loop)")
    [letter] = await read_dead_letters(bootstrap, topic)
    assert letter.header("dlq_truncated_from_bytes") == str(len(near_limit[0]))
    assert len(letter.value or b"") < len(near_limit[0])
    assert letter.header("dlq_original_topic") == topic and letter.header("dlq_original_offset") == "0"


async def test_refused_dead_letter_is_retried_with_backoff_then_placed_once(
    make_runtime, kafka_server, item, topic_prefix
):
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)
    topic = topic_prefix + ITEMS.name
    await _limit_message_bytes(bootstrap, topic + ".dlq", 200)  # refuses any copy, even truncated
    backoff = {"consumer_backoff_seconds": 0.5, "consumer_backoff_max_seconds": 2.0}
    runtime = await make_runtime([_recording_consumer()], **backoff)
    sends = _count_sends_to(runtime, topic + ".dlq")
    await produce_together(bootstrap, topic, [(b"{not json", as_message(item("BAD-1"))[1])])
    await asyncio.sleep(6)
    refused = sends[0]
    await _limit_message_bytes(bootstrap, topic + ".dlq", 1_000_000)  # the operator fixes the topic
    await produce_together(bootstrap, topic, [as_message(item("NEXT-1"))])
    await eventually(lambda: _has(runtime, "NEXT-1"), timeout=15)

    # pauses of 0.5, 1, 2, 2 s: at most 6 tries in 6 s; retried at each redelivery, a dozen or more
    assert 1 <= refused <= 6, f"{refused} tries to dead-letter one record in 6 s"
    assert len(await read_dead_letters(bootstrap, topic)) == 1


async def test_missing_dead_letter_topic_holds_only_the_poison_and_the_group_keeps_committing(
    make_runtime, kafka_server, item, topic_prefix
):
    bootstrap = kafka_server.bootstrap_servers
    topic = topic_prefix + ITEMS.name
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:  # the topic, but not its DLQ (topics are created by a deploy job that forgot it)
        await admin.create_topics([NewTopic(topic, ITEMS.partitions, 1)])
    finally:
        await admin.close()
    runtime = await make_runtime(
        [_recording_consumer()], create_topics=False, consumer_max_poll_interval_ms=2000
    )
    poison = (b"{not json", as_message(item("BAD-1"))[1])
    await produce_together(bootstrap, topic, [as_message(item("GOOD-1")), poison])
    await eventually(lambda: _has(runtime, "GOOD-1"), timeout=15)
    group = topic_prefix + "kit"

    async def good_one_committed() -> bool:
        return sum((await _committed(bootstrap, group, topic)).values()) == 1

    try:
        await eventually(good_one_committed, timeout=8)
    except AssertionError:
        pytest.fail(
            "GOOD-1 was handled but never committed while the DLQ is missing: each try to dead-letter "
            "BAD-1 blocks the poll past max.poll.interval"
        )
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)  # the DLQ appears
    await eventually(lambda: _committed_total(bootstrap, group, topic, 2), timeout=20)
    assert len(await read_dead_letters(bootstrap, topic)) == 1


async def _committed(bootstrap: str, group: str, topic: str) -> dict[int, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        offsets = {p: await consumer.committed(TopicPartition(topic, p)) for p in range(ITEMS.partitions)}
        return {p: o for p, o in offsets.items() if o is not None}
    finally:
        await consumer.stop()


async def _committed_total(bootstrap: str, group: str, topic: str, total: int) -> bool:
    return sum((await _committed(bootstrap, group, topic)).values()) == total
