"""Waiting for a wake-up or a timeout without ever losing a cancel (the relay's and the senders' sleep)."""

import asyncio

import pytest
from servicekit.tasks import wait_woken


async def test_a_cancel_arriving_as_the_event_is_set_still_cancels():
    # asyncio.wait_for (3.11) returned normally here, 200 times out of 200: a stopping relay ran on forever
    for _ in range(200):
        woken = asyncio.Event()
        waiting = asyncio.create_task(wait_woken(woken, 10))
        await asyncio.sleep(0)
        woken.set()
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting


async def test_it_says_whether_it_was_woken_or_timed_out():
    woken = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, woken.set)

    assert await wait_woken(woken, 5) is True
    assert await wait_woken(asyncio.Event(), 0.01) is False
