"""One loop for every table kept for a while (inbox, idempotency keys): prune it on a schedule."""

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def run_pruner(name: str, prune: Callable[[], Awaitable[int]], every_seconds: float) -> None:
    """Call `prune` (a chunked delete returning how many rows went) every `every_seconds` until cancelled.

    It waits first: a service back from a long outage handles its redelivered work before pruning. A failed
    round is logged by exception type only (a database error may quote row values) and the next one retries.
    """
    while True:
        await asyncio.sleep(every_seconds)
        try:
            deleted = await prune()
        except Exception as exc:  # our database may be away for a while: the next round tries again
            log.warning("%s pruning failed", name, extra={"pruned": name, "error": type(exc).__name__})
            continue
        if deleted:
            log.info("%s pruned", name, extra={"pruned": name, "deleted": deleted})
