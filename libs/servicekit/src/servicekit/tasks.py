"""Stopping the kit's background tasks: one way to cancel, wait, and not lose the error of one that died."""

import asyncio
import logging

log = logging.getLogger(__name__)


async def cancel_and_wait(task: "asyncio.Task[None] | None", name: str) -> None:
    """Cancel a background task and wait for it; a task that had died is logged, not raised, so that the
    caller still closes what the task used."""
    if task is None:
        return
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    except Exception:
        log.exception("%s had died", name)


async def wait_woken(event: asyncio.Event, seconds: float) -> bool:
    """Wait until `event` is set or `seconds` pass; True if it was set. A cancel is never lost: Python
    3.11's `asyncio.wait_for` swallows a cancel that arrives as the event is set (the relay is woken after
    every commit, so a service stopping under load then never stopped); `asyncio.timeout` does not."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return False
    return True
