"""The sender loop: fans campaigns out and works the deliveries table, as a background task of the service."""

import asyncio
import logging
from collections.abc import Callable

from servicekit.ports import Dependencies
from servicekit.tasks import wait_woken

from notifications.app.deliver import Sending, deliver_due
from notifications.app.fan_out import fan_out_once
from notifications.app.ports import UnitOfWork

log = logging.getLogger(__name__)


async def run_sender(
    new_uow: Callable[[], UnitOfWork],
    sending: Sending,
    deps: Dependencies,
    poll_seconds: float,
    stop: asyncio.Event,
) -> None:
    """Fan out one campaign batch and send due deliveries until `stop` is set (checked between cycles, so a
    graceful stop never cuts a send in half); sleep only when idle.

    A failing cycle (database away, pool not up yet) is logged by type and retried after the poll wait:
    claimed rows are leased and batches commit whole, so nothing is lost and nothing is sent twice.
    """
    try:
        await _cycles(new_uow, sending, deps, poll_seconds, stop)
    finally:
        await sending.close()  # the SMTP sessions kept open: QUIT, not a dropped socket


async def _cycles(
    new_uow: Callable[[], UnitOfWork],
    sending: Sending,
    deps: Dependencies,
    poll_seconds: float,
    stop: asyncio.Event,
) -> None:
    while not stop.is_set():
        try:
            fanned = await fan_out_once(new_uow, sending.batch, deps)
            claimed = await deliver_due(new_uow, sending, deps)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("sender cycle failed", extra={"error_type": type(exc).__name__})
            fanned, claimed = False, 0
        if not fanned and claimed == 0:
            await wait_woken(stop, poll_seconds)
