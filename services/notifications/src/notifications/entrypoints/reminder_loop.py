"""The reminder loop: records offering reminders as they fall due, as a background task of the service."""

import asyncio
import logging
from collections.abc import Callable

from servicekit.ports import Dependencies
from servicekit.tasks import wait_woken

from notifications.app.ports import UnitOfWork
from notifications.app.reminders import remind_once

log = logging.getLogger(__name__)


async def run_reminders(
    new_uow: Callable[[], UnitOfWork], hour: int, deps: Dependencies, poll_seconds: float, stop: asyncio.Event
) -> None:
    """Record the reminders of due offerings, one offering per transaction, until `stop` is set; sleep
    when none is due. The sender loop then sends them (quiet hours and opt-outs apply as to any message).

    Several instances may run this: each claims another offering (SKIP LOCKED), and a reminder is one
    message per (offering, start date, learner), so nothing is recorded twice. A failing cycle is logged
    by type and retried after the poll wait.
    """
    while not stop.is_set():
        try:
            told = await remind_once(new_uow, hour, deps)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("reminder cycle failed", extra={"error_type": type(exc).__name__})
            told = None
        if told is None:
            await wait_woken(stop, poll_seconds)
