"""Idempotency keys against real PostgreSQL: one effect per key, the stored response replayed, expiry."""

import asyncio
import uuid

import pytest
from servicekit.idempotency import IdempotencyKey, KeyReused, StoredResponse, once, prune_idempotency_keys

pytestmark = pytest.mark.integration
DAY = 86_400.0


@pytest.fixture
async def runtime(make_runtime):
    return await make_runtime(relay_enabled=False)


def key(request: object, name: str = "k-1", keep: float = DAY) -> IdempotencyKey:
    return IdempotencyKey.of("POST /things caller-1", name, request, keep)


class Work:
    """The request's effect: one row in `seen` per run, and a response naming the run."""

    def __init__(self, runtime, pause: float = 0.0, fail: bool = False) -> None:
        self.runtime, self.pause, self.fail, self.runs = runtime, pause, fail, 0
        self.uow = None

    async def __call__(self) -> StoredResponse:
        self.runs += 1
        await self.uow.connection.execute(
            "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, 'work')", str(self.runs), uuid.uuid4()
        )
        await asyncio.sleep(self.pause)
        if self.fail:
            raise RuntimeError("the work failed")
        return StoredResponse(201, f'{{"run": {self.runs}}}'.encode())


async def run(runtime, work: Work, idem: IdempotencyKey) -> StoredResponse:
    work.uow = uow = runtime.uow()
    return await once(uow, idem, work)


async def rows(runtime) -> int:
    return await runtime.pool.fetchval("SELECT count(*) FROM seen")


async def test_a_replay_gets_the_first_response_and_the_work_runs_once(runtime):
    work = Work(runtime)

    first = await run(runtime, work, key({"a": 1, "b": 2}))
    again = await run(runtime, work, key({"b": 2, "a": 1}))  # the same request, keys in another order

    assert first == again == StoredResponse(201, b'{"run": 1}')
    assert (work.runs, await rows(runtime)) == (1, 1)


async def test_the_same_key_with_another_request_is_refused_and_changes_nothing(runtime):
    work = Work(runtime)
    await run(runtime, work, key({"a": 1}))

    with pytest.raises(KeyReused):
        await run(runtime, work, key({"a": 2}))

    assert (work.runs, await rows(runtime)) == (1, 1)


async def test_concurrent_duplicates_run_once_and_both_get_the_response(runtime):
    work = Work(runtime, pause=0.3)  # the second arrives while the first is still in its transaction
    uows = [runtime.uow(), runtime.uow()]

    async def one(uow) -> StoredResponse:
        async def effect() -> StoredResponse:
            work.uow = uow
            return await work()

        return await once(uow, key({"a": 1}), effect)

    answers = await asyncio.gather(*(one(u) for u in uows))

    assert answers[0] == answers[1] == StoredResponse(201, b'{"run": 1}')
    assert (work.runs, await rows(runtime)) == (1, 1)


async def test_failed_work_keeps_no_key_so_a_retry_runs_it(runtime):
    failing = Work(runtime, fail=True)
    with pytest.raises(RuntimeError):
        await run(runtime, failing, key({"a": 1}))

    retried = await run(runtime, Work(runtime), key({"a": 1}))

    assert retried.status == 201 and await rows(runtime) == 1  # the failed run's row was rolled back


async def test_an_expired_key_counts_as_new_and_expired_keys_are_pruned(runtime):
    work = Work(runtime)
    await run(runtime, work, key({"a": 1}, name="old"))
    await run(runtime, work, key({"a": 1}, name="recent"))
    await runtime.pool.execute(
        "UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE key = 'old'"
    )

    again = await run(runtime, work, key({"a": 9}, name="old"))  # reused after expiry: a new request
    await runtime.pool.execute(
        "UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE key = 'old'"
    )
    pruned = await prune_idempotency_keys(runtime.pool, DAY)

    assert again == StoredResponse(201, b'{"run": 3}')
    assert pruned == 1
    assert await runtime.pool.fetchval("SELECT array_agg(key) FROM idempotency_keys") == ["recent"]
