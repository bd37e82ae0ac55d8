"""Consumer retries are bounded by the poll budget: a failing event reaches the DLQ whatever the settings.

Real Kafka and PostgreSQL; time scaled down (max.poll.interval 1-2 s instead of 300 s).
"""

import asyncio

import asyncpg
import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters

from libs.servicekit.tests.kit_events import ItemPublishedV1, record_seen

pytestmark = pytest.mark.integration
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


async def _seen(runtime) -> list[str]:
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def _has_all(runtime, codes: list[str]) -> bool:
    return set(codes) <= set(await _seen(runtime))


def _consumer_with_a_slow_query(codes: set[str]) -> EventConsumer:
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        if event.code in codes:  # a query this event makes slow, e.g. a missing index for its data
            await uow.connection.execute("SELECT pg_sleep(2)")
        await record_seen(uow, event)

    return consumer


async def test_statement_timeout_caused_by_one_event_dead_letters_it_after_its_attempts(
    make_runtime, kafka_server, postgres_server, item
):
    runtime = await make_runtime([_consumer_with_a_slow_query({"SLOW-1"})], start=False)
    conn = await asyncpg.connect(runtime.settings.database_url.get_secret_value())
    role = await conn.fetchval("SELECT current_user")
    await conn.close()
    admin = await asyncpg.connect(postgres_server.dsn())
    try:  # the production guard rail: no statement of this service's role runs longer than 200 ms
        await admin.execute(f"ALTER ROLE \"{role}\" SET statement_timeout = '200ms'")
    finally:
        await admin.close()
    await runtime.start()
    topic = runtime.topic_name("kittest.items")
    await produce_together(
        kafka_server.bootstrap_servers, topic, [as_message(item("SLOW-1")), as_message(item("NEXT-1"))]
    )
    try:
        await eventually(lambda: _has_all(runtime, ["NEXT-1"]), timeout=15)
    except AssertionError:
        pytest.fail("NEXT-1 never handled: SLOW-1's statement timeout (57014) is blamed on our own database")
    [letter] = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert letter.header("dlq_code") == "handler_failed"
    assert "QueryCanceledError" in (letter.header("dlq_reason") or "")


def _projection_failing_slowly(poison: str, seconds: float) -> EventConsumer:
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on_batch(ItemPublishedV1)
    async def project(events: list[ItemPublishedV1], uow: UnitOfWork) -> None:
        for event in events:
            await record_seen(uow, event)
        if any(e.code == poison for e in events):
            await asyncio.sleep(seconds)  # e.g. a statement that runs into the 30 s command timeout
            raise RuntimeError("bug in the projection")

    return consumer


async def test_poison_batch_slower_than_the_budget_reaches_per_event_replay_and_the_dlq(
    make_runtime, kafka_server, item
):
    # budget 1 s; the batch fails 3 times x 0.4 s = 1.2 s: the kit's defaults scaled down
    # (5 attempts x 30 s command timeout = 150 s = half of max.poll.interval)
    runtime = await make_runtime(
        [_projection_failing_slowly("POISON-1", 0.4)], consumer_max_poll_interval_ms=2000
    )
    topic = runtime.topic_name("kittest.items")
    codes = ["GOOD-1", "POISON-1", "GOOD-2"]
    await produce_together(kafka_server.bootstrap_servers, topic, [as_message(item(c)) for c in codes])
    try:
        await eventually(lambda: _has_all(runtime, ["GOOD-1", "GOOD-2"]), timeout=20)
    except AssertionError:
        pytest.fail("the good events never got through: the poison batch is redelivered forever")
    [letter] = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert letter.header("dlq_code") == "handler_failed"
