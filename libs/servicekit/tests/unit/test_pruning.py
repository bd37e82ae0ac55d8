"""The one pruning loop: it waits, prunes on schedule, survives a failed round and logs no message text."""

import asyncio
import logging

import pytest
from servicekit.pruning import run_pruner


async def test_a_failed_round_is_logged_by_type_and_the_next_round_prunes(caplog: pytest.LogCaptureFixture):
    rounds: list[int] = []
    done = asyncio.Event()

    async def prune() -> int:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise ConnectionResetError("row (learner 0912345678) could not be read")  # may quote row values
        done.set()
        return 3

    caplog.set_level(logging.INFO, logger="servicekit.pruning")
    task = asyncio.create_task(run_pruner("inbox", prune, every_seconds=0.01))
    await asyncio.wait_for(done.wait(), timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    failed, pruned = caplog.records[0], caplog.records[1]
    assert failed.getMessage() == "inbox pruning failed" and failed.error == "ConnectionResetError"
    assert "0912345678" not in caplog.text
    assert pruned.getMessage() == "inbox pruned" and pruned.deleted == 3


async def test_it_waits_a_whole_period_before_the_first_round():
    called = asyncio.Event()

    async def prune() -> int:
        called.set()
        return 0

    task = asyncio.create_task(run_pruner("idempotency keys", prune, every_seconds=3600))
    await asyncio.sleep(0.05)
    task.cancel()
    assert not called.is_set()
