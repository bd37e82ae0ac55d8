"""Giving a connection back to the pool: no extra round trip, and still no transaction left open."""

import asyncpg
import pytest

pytestmark = pytest.mark.integration


async def _last_query(runtime, pid: int) -> str:
    observer = await asyncpg.connect(runtime.settings.database_url.get_secret_value())
    try:
        return str(await observer.fetchval("SELECT query FROM pg_stat_activity WHERE pid = $1", pid))
    finally:
        await observer.close()


async def test_a_released_connection_is_sent_no_reset_statement(make_runtime):
    runtime = await make_runtime(relay_enabled=False)
    async with runtime.pool.acquire() as conn:
        pid = await conn.fetchval("SELECT pg_backend_pid() AS released_here")
    # the kit leaves no session state behind, so a reset (one round trip per request) has nothing to do
    assert "released_here" in await _last_query(runtime, pid)


async def test_a_transaction_left_open_is_rolled_back_when_its_connection_is_released(make_runtime):
    runtime = await make_runtime(relay_enabled=False)
    async with runtime.pool.acquire() as conn:
        await conn.execute("BEGIN")
        await conn.execute("UPDATE outbox_relay_lease SET holder = 'left-open'")  # never committed
    async with runtime.pool.acquire() as conn:
        assert await conn.fetchval("SELECT holder FROM outbox_relay_lease") is None
        assert conn.is_in_transaction() is False
