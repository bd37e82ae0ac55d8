"""A Kafka broker restart loses nothing and doubles nothing: outbox and consumers carry on."""

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest
from localinfra.kafka import start_kafka
from localinfra.polling import eventually
from localinfra.ports import free_ports

pytestmark = pytest.mark.integration


async def test_events_recorded_before_during_and_after_a_broker_restart_are_each_handled_once(
    make_runtime, item, faults, consumer_for
):
    data = Path(tempfile.mkdtemp(prefix="lc-broker-restart-"))
    port, controller = free_ports(2)
    broker = await asyncio.to_thread(start_kafka, data, port, controller)
    try:
        runtime = await make_runtime([consumer_for(faults)], kafka_bootstrap=broker.bootstrap_servers)

        async def record(phase: str) -> None:
            for i in range(5):
                async with runtime.uow() as uow:
                    uow.record(item(f"{phase}-{i}"))

        async def handled(n: int) -> bool:
            return await runtime.pool.fetchval("SELECT count(*) FROM seen") >= n

        await record("BEFORE")
        await eventually(lambda: handled(5), timeout=30)
        await asyncio.to_thread(broker.stop)
        await record("DURING")  # committed to the outbox while there is no broker
        await asyncio.sleep(2)
        broker = await asyncio.to_thread(start_kafka, data, port, controller)
        await record("AFTER")
        await eventually(lambda: handled(15), timeout=90, interval=0.2)
        await asyncio.sleep(1)  # time for any duplicate to show
        codes = [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen")]
        expected = {f"{p}-{i}" for p in ("BEFORE", "DURING", "AFTER") for i in range(5)}
        assert sorted(codes) == sorted(expected)
        assert await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0
    finally:
        await asyncio.to_thread(broker.stop)
        shutil.rmtree(data, ignore_errors=True)
