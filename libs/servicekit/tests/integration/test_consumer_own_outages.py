"""Consumer failure modes, whose fault: the event's (dead-letter it) or our own infrastructure's (redeliver).

Each test was first written to fail on a defect found in review, then the kit was fixed.
"""

import asyncio
import contextlib

import asyncpg
import pytest
from localinfra.polling import eventually
from localinfra.topics import as_message, produce, produce_together
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters

from libs.servicekit.tests.integration.conftest import INTERNAL_ANY
from libs.servicekit.tests.integration.consumer_probes import has
from libs.servicekit.tests.kit_events import ItemPublishedV1, record_seen

pytestmark = pytest.mark.integration


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
        await eventually(lambda: has(runtime, "NEXT-1"), timeout=10)
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
    await eventually(lambda: has(runtime, "WRITE-1"), timeout=20)


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
    await eventually(lambda: has(runtime, "GOOD-1"), timeout=20)
    letters = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert len(letters) == 1, (
        f"one poison record, {len(letters)} dead letters: each redelivery of the batch during the "
        "3 s outage dead-lettered it again"
    )
