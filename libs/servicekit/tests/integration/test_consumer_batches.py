"""Consumer failure modes of polled batches: slower than the poll interval, mixed handlers, rewinds.

Each test was first written to fail on a defect found in review, then the kit was fixed; `test_verified_*`
pins behaviour of the kit + faststream 0.7.8 that was checked and holds.
"""

import asyncio
import contextlib

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from localinfra.polling import eventually
from localinfra.topics import as_message, produce, produce_together
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters
from servicekit.kafka import ensure_topics

from libs.servicekit.tests.integration.conftest import INTERNAL_ANY
from libs.servicekit.tests.integration.consumer_probes import committed_offsets, count, has, seen_codes
from libs.servicekit.tests.kit_events import ITEMS, ItemPublishedV1, MemberJoinedV1, record_seen

pytestmark = pytest.mark.integration


# --- review 10: a batch slower than max.poll.interval: evicted, commit fails, the batch starts over


async def test_batch_slower_than_the_poll_interval_is_committed_and_dead_lettered_once(
    make_runtime, kafka_server, item
):
    # Time scaled down 150x: max.poll.interval 300 s becomes 2 s. With the kit's defaults (500 records a
    # poll, 5 attempts, 0.2 s doubling backoff = 3 s of backoff per failing event), 100 failing events in one
    # poll take those 300 s.
    bad = [f"BAD-{i}" for i in range(6)]
    # a handler deployed with a bug for these events; each failing attempt takes 0.15 s
    short = {"consumer_max_poll_interval_ms": 2000}
    runtime = await make_runtime([_consumer_failing_slowly(set(bad), seconds=0.15)], **short)  # 3 attempts
    await make_runtime([_consumer_failing_slowly(set(bad), seconds=0.15)], **short)  # a second instance
    # 6 events x 3 attempts x 0.15 s = 2.7 s for the batch
    topic = runtime.topic_name("kittest.items")
    await produce_together(kafka_server.bootstrap_servers, topic, [as_message(item(c)) for c in bad])
    group = runtime.settings.topic_prefix + "kit"

    async def batch_committed() -> bool:
        committed = await committed_offsets(kafka_server.bootstrap_servers, group, topic, ITEMS.partitions)
        return sum(committed.values()) == len(bad)

    with contextlib.suppress(AssertionError):
        await eventually(batch_committed, timeout=12, interval=0.5)
    committed = await committed_offsets(kafka_server.bootstrap_servers, group, topic, ITEMS.partitions)
    letters = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert len(letters) == len(bad) and sum(committed.values()) == len(bad), (
        f"{len(bad)} failing events: {len(letters)} dead letters, committed offsets {committed} after 12 s: "
        "each instance is dropped from the group before its batch ends, its commit fails "
        "(CommitFailedError, logged and swallowed by faststream) and the batch starts over elsewhere"
    )


def _consumer_failing_slowly(codes: set[str], seconds: float) -> EventConsumer:
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        await record_seen(uow, event)
        if event.code in codes:
            await asyncio.sleep(seconds)
            raise RuntimeError("bug in the handler")

    return consumer


# --- review 11: with a batch handler registered, per-event handlers are never called


async def test_per_event_handler_still_runs_next_to_a_batch_handler(make_runtime, kafka_server, item):
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on_batch(MemberJoinedV1)  # a projection of members ...
    async def project(events: list[MemberJoinedV1], uow: UnitOfWork) -> None:
        for event in events:
            await uow.connection.execute(
                "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, 'MEMBER')",
                str(event.member_id),
                event.item_id,
            )

    @consumer.on(ItemPublishedV1)  # ... and, in the same consumer, a handler of items
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        await record_seen(uow, event)

    runtime = await make_runtime([consumer])
    topic = runtime.topic_name("kittest.items")
    await produce(kafka_server.bootstrap_servers, topic, [as_message(item("MIXED-1"))])
    try:
        await eventually(lambda: has(runtime, "MIXED-1"), timeout=8)
    except AssertionError:
        letters = await read_dead_letters(kafka_server.bootstrap_servers, topic)
        pytest.fail(
            f"the item handler never ran; the event went to the member batch handler and was "
            f"dead-lettered: {[letter.header('dlq_reason') for letter in letters]}"
        )


# --- verified: faststream 0.7.8 batch + NACK_ON_ERROR, as the kit uses it


async def test_verified_batch_over_partitions_is_not_committed_early_and_is_rewound_on_every_partition(
    make_runtime, kafka_server, item, topic_prefix
):
    """An exception out of the batch handler nacks: every partition of the batch is rewound (not only the
    first record's), nothing is committed before the handler returns, the consumer loop keeps running,
    and after the redelivery each event has one effect and the offsets are committed."""
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)
    topic = topic_prefix + ITEMS.name
    events = [item(f"SPREAD-{i}") for i in range(9)]
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:  # one key each: spread over the 3 partitions, produced before the consumer polls (one batch)
        for e in events:
            value, headers = as_message(e)
            await producer.send_and_wait(topic, value, key=e.aggregate_id().encode(), headers=headers)
    finally:
        await producer.stop()
    group = topic_prefix + "kit"
    failures_left = [3]  # max_attempts: the third failure escapes the engine, faststream nacks
    committed_while_failing: list[dict[int, int]] = []
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        await record_seen(uow, event)
        if event.code == "SPREAD-4" and failures_left[0] > 0:  # mid-batch: earlier events are committed
            failures_left[0] -= 1
            committed_while_failing.append(await committed_offsets(bootstrap, group, topic, ITEMS.partitions))
            raise asyncpg.ConnectionDoesNotExistError("our database went away")

    runtime = await make_runtime([consumer])
    await eventually(lambda: count(runtime, len(events)), timeout=20)
    await produce(bootstrap, topic, [as_message(item("LATER-1"))])  # the loop survived the exception
    await eventually(lambda: has(runtime, "LATER-1"), timeout=10)
    await asyncio.sleep(1)

    assert committed_while_failing and all(c == {} for c in committed_while_failing)
    assert sorted(await seen_codes(runtime)) == sorted([e.code for e in events] + ["LATER-1"])
    committed = await committed_offsets(bootstrap, group, topic, ITEMS.partitions)
    assert sum(committed.values()) == len(events) + 1
    assert await read_dead_letters(bootstrap, topic) == []
