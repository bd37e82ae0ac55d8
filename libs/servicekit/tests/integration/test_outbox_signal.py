"""Relays are told of committed outbox rows without a NOTIFY in each writing transaction (real PostgreSQL)."""

import asyncio
from uuid import uuid4

import asyncpg
import pytest
from servicekit.db import OUTBOX_CHANNEL, UnitOfWork
from servicekit.outboxsignal import OutboxSignal

pytestmark = pytest.mark.integration


@pytest.fixture
async def runtime(make_runtime):
    return await make_runtime(relay_enabled=False, outbox_notify_interval_seconds=5)


async def listening(runtime) -> tuple[asyncpg.Connection, list[str]]:
    """Another instance's relay, in miniature: a connection LISTENing on the outbox channel."""
    heard: list[str] = []
    conn = await asyncpg.connect(runtime.settings.database_url.get_secret_value())
    await conn.add_listener(OUTBOX_CHANNEL, lambda *args: heard.append(args[2]))
    return conn, heard


async def pending(runtime) -> int:
    return int(await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))


async def test_the_hook_runs_after_the_commit_and_the_transaction_sends_no_notify(runtime, item):
    listener, heard = await listening(runtime)
    seen_at_hook: list[int] = []
    tasks: list[asyncio.Task[None]] = []

    async def committed_rows() -> None:
        seen_at_hook.append(await pending(runtime))

    def hook() -> None:  # what another connection sees at that moment
        tasks.append(asyncio.create_task(committed_rows()))

    try:
        async with UnitOfWork(runtime.pool, runtime.outbox, runtime.telemetry.tracer, committed=hook) as uow:
            uow.record(item("A", uuid4()), item("B", uuid4()))
        await asyncio.gather(*tasks)
        await asyncio.sleep(0.3)  # a NOTIFY sent by the transaction would have arrived by now
        assert seen_at_hook == [2], "called once, after the commit made both rows visible"
        assert heard == [], "no NOTIFY inside the writing transaction"
        async with UnitOfWork(runtime.pool, runtime.outbox, runtime.telemetry.tracer, committed=hook):
            pass  # nothing written: no hook
        assert seen_at_hook == [2]
    finally:
        await listener.close()


async def test_the_runtime_wakes_its_own_relay_per_commit_and_notifies_others_once_per_interval(
    runtime, item
):
    listener, heard = await listening(runtime)
    woken: list[int] = []
    signal = runtime._signal
    assert isinstance(signal, OutboxSignal)
    signal.attach(lambda: woken.append(1))
    try:
        for n in range(10):
            async with runtime.uow() as uow:
                uow.record(item(f"C{n}", uuid4()))
        for _ in range(50):
            if heard:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
        assert len(woken) == 10, "the in-process relay is woken after every commit"
        assert len(heard) == 1, "other instances: one NOTIFY for the burst (interval 5 s), not one each"
        assert await pending(runtime) == 10
    finally:
        await listener.close()
