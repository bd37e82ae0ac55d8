"""Failure modes of the outbox relay and the unit of work, against real Kafka and PostgreSQL.

Each test was first written to fail on a defect found in review, then the kit was fixed.
"""

import asyncio
import contextlib
import json

import pytest
from localinfra.polling import eventually
from localinfra.topics import read_topic
from servicekit.db import UnitOfWork, create_pool
from servicekit.kafka import create_producer, ensure_topics
from servicekit.relay import OutboxRelay, RelayTiming

from libs.servicekit.tests.kit_events import ITEMS

pytestmark = pytest.mark.integration


# --- review 5: a unit of work cancelled (or failing) in BEGIN keeps its pooled connection forever


async def test_unit_of_work_cancelled_while_it_begins_gives_its_connection_back(make_runtime):
    runtime = await make_runtime(start=False)
    pool = await create_pool(runtime.settings.database_url.get_secret_value(), max_size=1)
    try:
        cancelled_in_begin = False
        for _ in range(100):  # cancel right after the pool handed out the connection, during BEGIN
            uow = UnitOfWork(pool, runtime.outbox, runtime.telemetry.tracer)
            entering = asyncio.create_task(uow.__aenter__())
            # one loop step at a time, to land in the window between acquire() and the end of BEGIN
            while pool.get_idle_size() and not entering.done():  # noqa: ASYNC110
                await asyncio.sleep(0)
            entering.cancel()  # e.g. client disconnect, shutdown, a caller's asyncio.timeout
            with contextlib.suppress(asyncio.CancelledError):
                await entering
            if entering.cancelled():
                cancelled_in_begin = True
                break
            await uow.__aexit__(None, None, None)  # BEGIN won the race: close normally and retry
        assert cancelled_in_begin

        try:
            async with asyncio.timeout(3):
                async with UnitOfWork(pool, runtime.outbox, runtime.telemetry.tracer) as next_uow:
                    await next_uow.connection.execute("SELECT 1")
        except TimeoutError:
            pytest.fail("the pool's only connection leaked: every later unit of work waits forever")
    finally:
        pool.terminate()  # close() would wait forever for the leaked connection


# --- review 6: the relay cancelled while it sends LISTEN keeps its connection: stop() never returns


async def test_runtime_stopped_just_after_start_shuts_down(make_runtime):
    runtime = await make_runtime(start=False)
    await runtime.start()
    pool = runtime.pool
    # one loop step at a time, until the relay task took its LISTEN connection ...
    while pool.get_idle_size() == pool.get_size():  # noqa: ASYNC110
        await asyncio.sleep(0)
    try:
        await asyncio.wait_for(runtime.stop(), timeout=5)  # ... and is stopped while it sends LISTEN
    except TimeoutError:
        pool.terminate()
        pytest.fail("runtime.stop() hangs in pool.close(): the relay never released its LISTEN connection")


# --- review 7: a database that refuses connections when the relay starts kills the relay for good


async def test_relay_that_starts_while_the_database_refuses_connections_publishes_once_it_is_back(
    make_runtime, kafka_server, postgres_server, topic_prefix, item, refuse_connections
):
    runtime = await make_runtime(start=False)
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)
    producer = create_producer(bootstrap)
    await producer.start()
    pool = await create_pool(runtime.settings.database_url.get_secret_value(), max_size=3)
    relay = OutboxRelay(
        pool,
        producer,
        runtime.telemetry.tracer,
        runtime.metrics,
        topic_prefix=topic_prefix,
        timing=RelayTiming(poll=0.2),
    )
    role = await pool.fetchval("SELECT current_user")
    task: asyncio.Task[None] | None = None
    try:
        async with refuse_connections(role):  # e.g. PostgreSQL restarting, failover
            task = asyncio.create_task(relay.run())
            await asyncio.sleep(1)
        async with UnitOfWork(pool, runtime.outbox, runtime.telemetry.tracer) as uow:
            uow.record(item("AFTER-OUTAGE-1"))
        try:
            await eventually(lambda: _all_sent(pool), timeout=5)
        except AssertionError:
            died = task.exception() if task.done() else None
            pytest.fail(f"the outbox row is never published: the relay task died with {died!r}")
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        await producer.stop()
        pool.terminate()


async def _all_sent(pool) -> bool:
    return await pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0


# --- review 8: one row the producer refuses stalls the whole outbox and republishes its predecessors


async def test_row_the_producer_refuses_does_not_stall_the_outbox(make_runtime, kafka_server, item):
    runtime = await make_runtime()  # relay polls every 0.2 s
    first, refused, last = item("FIRST-1"), item("REFUSED-1"), item("LAST-1")
    [refused_row] = runtime.outbox.rows([refused])
    # Stands for any row the producer or broker refuses for good: here a value over max_request_size
    # (1 MiB), raised by AIOKafkaProducer.send itself; a topic that does not exist, with auto-creation off,
    # fails the same way (after a 30 s metadata wait per cycle).
    refused_row = (*refused_row[:5], b"x" * (2 << 20))
    async with runtime.uow() as uow:  # three rows of three aggregates, committed together in this order
        await runtime.outbox.write(
            uow.connection, [*runtime.outbox.rows([first]), refused_row, *runtime.outbox.rows([last])]
        )
    await asyncio.sleep(3)
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 1)
    codes = [json.loads(r.value)["code"] for r in records]
    assert codes.count("LAST-1") == 1 and codes.count("FIRST-1") == 1, (
        f"in 3 s the topic got FIRST-1 {codes.count('FIRST-1')} times and LAST-1 "
        f"{codes.count('LAST-1')} times: every cycle republishes the rows before the refused one and "
        "nothing after it (any aggregate, any topic) is ever published"
    )
