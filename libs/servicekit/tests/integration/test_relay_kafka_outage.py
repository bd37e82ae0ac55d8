"""A Kafka outage longer than the request timeout: the relay holds no locks, reports, and loses nothing."""

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest
from localinfra.kafka import start_kafka
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration

# Sessions of the service's database that sit in an open transaction, or hold a lock on the outbox table
# (FOR UPDATE takes a RowShareLock on it until commit).
_HOLDING = """
SELECT count(*) FROM pg_stat_activity a
WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
  AND (a.state = 'idle in transaction'
       OR EXISTS (SELECT FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                  WHERE l.pid = a.pid AND c.relname = 'outbox' AND l.mode = 'RowShareLock'))
"""


async def test_outage_longer_than_the_request_timeout_holds_nothing_and_loses_nothing(make_runtime, item):
    data = Path(tempfile.mkdtemp(prefix="lc-relay-outage-"))
    port, controller = free_ports(2)
    broker = await asyncio.to_thread(start_kafka, data, port, controller)
    try:
        runtime = await make_runtime(
            kafka_bootstrap=broker.bootstrap_servers,
            kafka_request_timeout_ms=2000,
            relay_publish_timeout_seconds=1.0,
            relay_lease_seconds=3.0,
            relay_stall_seconds=1.0,
        )
        topic = runtime.topic_name("kittest.items")

        async def record(phase: str) -> None:
            async with runtime.uow() as uow:
                uow.record(*(item(f"{phase}-{i}") for i in range(5)))

        await record("BEFORE")
        await read_topic(broker.bootstrap_servers, topic, 5)
        await asyncio.to_thread(broker.stop)
        await record("DURING")
        backlog = runtime.metrics.outbox_backlog
        try:
            await eventually(lambda: _equals(backlog._value.get, 5), timeout=3)
        except AssertionError:
            pytest.fail("the backlog gauge stays frozen at its pre-outage value while Kafka is away")
        for _ in range(20):  # 4 s: twice the producer's request timeout
            holding = await runtime.pool.fetchval(_HOLDING)
            assert holding == 0, "the relay keeps a transaction and the outbox rows locked during the outage"
            await asyncio.sleep(0.2)
        assert (await runtime.readiness())["outbox"] == "stalled"
        assert runtime.metrics.outbox_stalled_seconds._value.get() > 1

        broker = await asyncio.to_thread(start_kafka, data, port, controller)
        await eventually(lambda: _unsent_is(runtime, 0), timeout=60, interval=0.2)
        records = await read_topic(broker.bootstrap_servers, topic, 10)
        ids = [dict(r.headers)["ce_id"] for r in records]
        assert len(ids) == 10 and len(set(ids)) == 10  # each exactly once
        await eventually(lambda: _ready(runtime), timeout=5)
    finally:
        await asyncio.to_thread(broker.stop)
        shutil.rmtree(data, ignore_errors=True)


async def _equals(read, value: float) -> bool:
    return read() == value


async def _unsent_is(runtime, n: int) -> bool:
    return await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == n


async def _ready(runtime) -> bool:
    return (await runtime.readiness()).get("outbox") == "ok"
