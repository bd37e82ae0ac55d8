"""The sender loop: works the deliveries table after each commit, as a background task of the service."""

import asyncio
import logging
from collections.abc import Callable

from servicekit.ports import Dependencies

from notifications.app.deliver import Sending, deliver_due
from notifications.app.ports import UnitOfWork

log = logging.getLogger(__name__)


async def run_sender(
    new_uow: Callable[[], UnitOfWork], sending: Sending, deps: Dependencies, poll_seconds: float
) -> None:
    """Send due deliveries until cancelled; sleep only when a cycle found nothing due.

    A failing cycle (database away, pool not up yet) is logged by type and retried after the poll wait:
    claimed rows are leased, so nothing is lost and nothing is sent twice by another instance meanwhile.
    """
    while True:
        try:
            claimed = await deliver_due(new_uow, sending, deps)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("sender cycle failed", extra={"error_type": type(exc).__name__})
            claimed = 0
        if claimed == 0:
            await asyncio.sleep(poll_seconds)
