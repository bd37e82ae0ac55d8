"""`UnitOfWork.later`: writes run at commit in one statement with the outbox rows (real PostgreSQL)."""

from uuid import uuid4

import asyncpg
import pytest

pytestmark = pytest.mark.integration
_SEEN = "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, $3)"


@pytest.fixture
async def runtime(make_runtime):
    return await make_runtime(relay_enabled=False)


async def state(runtime) -> tuple[list[str], int]:
    codes = [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY code")]
    return codes, int(await runtime.pool.fetchval("SELECT count(*) FROM outbox"))


async def test_deferred_writes_commit_with_the_outbox_rows_and_parameters_do_not_mix(runtime, item):
    async with runtime.uow() as uow:
        uow.later(_SEEN, "e1", uuid4(), "FIRST")
        uow.later("UPDATE seen SET code = $1 WHERE code = $2", "NEVER", "FIRST")  # same snapshot: no row
        uow.later(_SEEN, "e2", uuid4(), "SECOND")
        uow.record(item("A", uuid4()))
        assert await state(runtime) == ([], 0)
    assert await state(runtime) == (["FIRST", "SECOND"], 1)
    async with runtime.uow() as uow:  # no outbox rows: the deferred writes still run
        uow.later(_SEEN, "e3", uuid4(), "THIRD")
    assert await state(runtime) == (["FIRST", "SECOND", "THIRD"], 1)  # sorted: CTEs run in no set order


async def test_a_failing_deferred_write_rolls_back_the_whole_transaction(runtime, item):
    with pytest.raises(asyncpg.NotNullViolationError):
        async with runtime.uow() as uow:
            await uow.connection.execute(_SEEN, "now", uuid4(), "IMMEDIATE")
            uow.later(_SEEN, "e1", uuid4(), None)
            uow.record(item("A", uuid4()))
    assert await state(runtime) == ([], 0)


async def test_a_failed_savepoint_drops_its_deferred_writes_and_a_released_one_keeps_them(runtime, item):
    async with runtime.uow() as uow:
        with pytest.raises(RuntimeError):
            async with uow:
                uow.later(_SEEN, "e1", uuid4(), "UNDONE")
                raise RuntimeError("refused")
        async with uow:
            uow.later(_SEEN, "e2", uuid4(), "KEPT")
    assert await state(runtime) == (["KEPT"], 0)
