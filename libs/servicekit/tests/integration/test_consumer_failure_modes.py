"""Failure modes of the consumer engine's delivery promises, against real Kafka and PostgreSQL.

Each test was first written to fail on a defect found in review, then the kit was fixed; `test_verified_*`
pins behaviour of the kit + faststream 0.7.8 that was checked and holds.
"""

import asyncio
import contextlib
import logging

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce, produce_together
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters
from servicekit.kafka import ensure_topics

from libs.servicekit.tests.kit_events import ITEMS, ItemPublishedV1, MemberJoinedV1, record_seen

pytestmark = pytest.mark.integration
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


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


# --- review 1: faststream's batch parser fails on a non-UTF-8 header: the batch is skipped, then committed


async def test_event_with_a_binary_header_and_its_batch_are_not_silently_skipped(
    make_runtime, kafka_server, item, faults, consumer_for, topic_prefix
):
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)
    topic = topic_prefix + ITEMS.name
    value, headers = as_message(item("BINARY-1"))
    # A valid event that also carries a binary (non UTF-8) application header, as tracing/baggage
    # libraries or other producers may add; the kit's decoder ignores headers it does not know.
    binary = (value, [*headers, ("x-binary-trace", b"\xff\xfe\x00\x01")])
    # Produced before the consumer starts, so the first poll returns all three as one batch.
    await produce(bootstrap, topic, [as_message(item("BEFORE-1")), binary, as_message(item("BETWEEN-1"))])
    runtime = await make_runtime([consumer_for(faults)])
    await eventually(lambda: _polled_past(runtime, 3), timeout=20)  # the first batch was polled
    await produce(bootstrap, topic, [as_message(item("AFTER-1"))])

    await eventually(lambda: _has(runtime, "AFTER-1"), timeout=20)
    await asyncio.sleep(1)  # let the ack of the last batch reach the broker
    committed = await committed_offsets(bootstrap, topic_prefix + "kit", topic, ITEMS.partitions)
    letters = await read_dead_letters(bootstrap, topic)
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


class _CountErrors(logging.Handler):
    """Counts log records whose exception is of type `kind` (faststream logs each failed handling)."""

    def __init__(self, kind: type[BaseException]) -> None:
        super().__init__()
        self.kind, self.count = kind, 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and isinstance(record.exc_info[1], self.kind):
            self.count += 1


# --- review 2: a decoder exception that is not a RejectedEvent blocks the partition forever


async def test_envelope_the_decoder_chokes_on_is_dead_lettered_and_the_partition_moves_on(
    make_runtime, kafka_server, item, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    value, headers = as_message(item("BADTIME-1"))
    # RFC 3339 and a real date, but converting it to UTC leaves datetime's range: OverflowError,
    # which is not a RejectedEvent.
    headers = [(k, b"0001-01-01T00:00:00+01:00" if k == "ce_time" else v) for k, v in headers]
    errors = _CountErrors(OverflowError)
    logging.getLogger("servicekit.runtime").addHandler(errors)
    try:
        await produce(kafka_server.bootstrap_servers, topic, [(value, headers), as_message(item("NEXT-1"))])
        try:
            await eventually(lambda: _has(runtime, "NEXT-1"), timeout=10)
        except AssertionError:
            pytest.fail(
                f"NEXT-1 never processed: the batch was redelivered {errors.count} times in 10 s "
                "(an endless loop with no backoff) and nothing was dead-lettered"
            )
    finally:
        logging.getLogger("servicekit.runtime").removeHandler(errors)
    [letter] = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert letter.header("dlq_code")


# --- review 3: any OSError/TimeoutError raised by a handler counts as "our infrastructure is down"


def _consumer_with_a_slow_dependency(calls: list[str]) -> EventConsumer:
    """Handler that calls a (simulated) external dependency, which always times out for one item."""
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        calls.append(event.code)
        if event.code == "SLOW-1":
            async with asyncio.timeout(0.01):  # e.g. an HTTP call with a deadline
                await asyncio.sleep(1)
        await record_seen(uow, event)

    return consumer


async def test_handler_timing_out_on_one_event_is_dead_lettered_not_redelivered_forever(
    make_runtime, kafka_server, item
):
    calls: list[str] = []
    runtime = await make_runtime([_consumer_with_a_slow_dependency(calls)])  # 3 attempts
    topic = runtime.topic_name("kittest.items")
    await produce(
        kafka_server.bootstrap_servers, topic, [as_message(item("SLOW-1")), as_message(item("NEXT-1"))]
    )
    try:
        await eventually(lambda: _has(runtime, "NEXT-1"), timeout=10)
    except AssertionError:
        pytest.fail(
            f"NEXT-1 never processed in 10 s; SLOW-1 was attempted {calls.count('SLOW-1')} times "
            "(max_attempts=3) and never dead-lettered: the partition is blocked as long as it fails"
        )
    [letter] = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert letter.header("dlq_code") == "handler_failed"


# --- review 4: our own database refusing writes is blamed on the event (dead-lettered)


async def test_event_is_not_dead_lettered_while_our_database_is_read_only(
    make_runtime, kafka_server, postgres_server, item, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    database = await runtime.pool.fetchval("SELECT current_database()")
    # What a hot standby, a failover in progress, or a managed server that ran out of storage
    # (switched to read-only) answers to every write: ReadOnlySQLTransactionError, SQLSTATE 25006.
    async with _read_only(postgres_server, database):
        await produce(kafka_server.bootstrap_servers, topic, [as_message(item("WRITE-1"))])
        await asyncio.sleep(3)
    letters = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert not letters, (
        f"dead-lettered as {letters[0].header('dlq_code')}: {letters[0].header('dlq_reason')}; "
        "it should have been redelivered until the database accepts writes again"
    )
    await eventually(lambda: _has(runtime, "WRITE-1"), timeout=20)


@contextlib.asynccontextmanager
async def _read_only(postgres_server, database: str):
    """New sessions of `database` are read-only until the block exits; current ones are ended."""
    admin = await asyncpg.connect(postgres_server.dsn())

    async def reconnect_all() -> None:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database
        )
        await asyncio.sleep(0.3)

    try:
        await admin.execute(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on')
        await reconnect_all()
        try:
            yield
        finally:
            await admin.execute(f'ALTER DATABASE "{database}" RESET default_transaction_read_only')
            await reconnect_all()
    finally:
        await admin.close()


# --- review 9: a batch redelivered during an outage of our own database is dead-lettered again and again


async def test_poison_message_is_dead_lettered_once_while_our_database_is_down(
    make_runtime, kafka_server, item, faults, consumer_for, refuse_connections
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    role = await runtime.pool.fetchval("SELECT current_user")
    poison = (b"{not json", as_message(item("POISON-1"))[1])
    async with refuse_connections(role):
        await produce_together(kafka_server.bootstrap_servers, topic, [poison, as_message(item("GOOD-1"))])
        await asyncio.sleep(3)
    await eventually(lambda: _has(runtime, "GOOD-1"), timeout=20)
    letters = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert len(letters) == 1, (
        f"one poison record, {len(letters)} dead letters: each redelivery of the batch during the "
        "3 s outage dead-lettered it again"
    )


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
        await eventually(lambda: _has(runtime, "MIXED-1"), timeout=8)
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
    await eventually(lambda: _count(runtime, len(events)), timeout=20)
    await produce(bootstrap, topic, [as_message(item("LATER-1"))])  # the loop survived the exception
    await eventually(lambda: _has(runtime, "LATER-1"), timeout=10)
    await asyncio.sleep(1)

    assert committed_while_failing and all(c == {} for c in committed_while_failing)
    assert sorted(await seen_codes(runtime)) == sorted([e.code for e in events] + ["LATER-1"])
    committed = await committed_offsets(bootstrap, group, topic, ITEMS.partitions)
    assert sum(committed.values()) == len(events) + 1
    assert await read_dead_letters(bootstrap, topic) == []


async def _count(runtime, n: int) -> bool:
    return await runtime.pool.fetchval("SELECT count(*) FROM seen") >= n
