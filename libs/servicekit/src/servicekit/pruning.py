"""One loop for every table kept for a while (outbox, inbox, idempotency keys): prune it on a schedule."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial

import asyncpg

from servicekit import relaystore
from servicekit.idempotency import prune_idempotency_keys
from servicekit.inbox import prune_inbox
from servicekit.metrics import ServiceMetrics
from servicekit.settings import ServiceSettings
from servicekit.tasks import cancel_and_wait

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


async def prune_outbox(pool: asyncpg.Pool, keep_seconds: float, metrics: ServiceMetrics) -> int:
    """Delete sent outbox rows older than `keep_seconds` (never an unsent one), counted in the metrics."""
    pruned = await relaystore.prune(pool, keep_seconds)
    metrics.outbox_pruned.inc(pruned)
    return pruned


class KitPruners:
    """The pruning loops of the kit's own tables: started with a runtime, stopped before its pool closes."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def start(
        self, s: ServiceSettings, pool: asyncpg.Pool, metrics: ServiceMetrics, *, outbox: bool, inbox: bool
    ) -> None:
        """Start the loops not running yet: the outbox's where a relay runs, the inbox's with consumers."""
        if outbox:
            keep = s.outbox_keep_hours * 3600
            self._start("outbox", partial(prune_outbox, pool, keep, metrics), s.outbox_prune_seconds)
        if inbox:  # retention: see ServiceSettings.inbox_keep_days
            keep = s.inbox_keep_days * 86400
            self._start("inbox", partial(prune_inbox, pool, keep), s.inbox_prune_every_seconds)
        keep = s.idempotency_keep_hours * 3600
        keys = partial(prune_idempotency_keys, pool, keep)
        self._start("idempotency keys", keys, s.idempotency_prune_every_seconds)

    def _start(self, name: str, prune: Callable[[], Awaitable[int]], every: float) -> None:
        if name not in self._tasks:
            self._tasks[name] = asyncio.create_task(run_pruner(name, prune, every), name=f"{name} pruner")

    async def stop(self) -> None:
        """Cancel every loop and wait for it."""
        for name, task in self._tasks.items():
            await cancel_and_wait(task, f"{name} pruner")
        self._tasks.clear()
