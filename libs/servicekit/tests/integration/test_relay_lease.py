"""A relay on a dead node: its lease lapses and another relay publishes, in order; no lock to wait for."""

import asyncio
import json

import pytest
from localinfra.polling import eventually
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration


async def test_a_dead_relays_lease_lapses_and_another_relay_publishes_everything_in_order(
    make_runtime, kafka_server, item
):
    runtime = await make_runtime(relay_lease_seconds=6, relay_publish_timeout_seconds=1)
    await runtime.pool.execute(
        "DELETE FROM outbox"
    )  # a clean slate, then a relay that died holding the lease
    await runtime.pool.execute(
        "UPDATE outbox_relay_lease SET holder = 'node-that-died', expires_at = now() + interval '6 seconds'"
    )
    first = item("LEASED-0")
    async with runtime.uow() as uow:
        uow.record(first, *(first.model_copy(update={"code": f"LEASED-{i}"}) for i in range(1, 5)))

    await asyncio.sleep(1)  # the live relay sees the rows but not the lease
    assert await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 5
    locks = await runtime.pool.fetchval(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE c.relname = 'outbox' AND l.mode = 'RowShareLock'"
    )
    assert locks == 0  # nothing to wait for but the lease's expiry

    async def all_sent() -> bool:
        return await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0

    await eventually(all_sent, timeout=20, interval=0.2)
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 5)
    assert [json.loads(r.value)["code"] for r in records] == [f"LEASED-{i}" for i in range(5)]
    holder = await runtime.pool.fetchval("SELECT holder FROM outbox_relay_lease")
    assert holder != "node-that-died"
