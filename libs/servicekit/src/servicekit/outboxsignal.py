"""Tells relays that outbox rows were committed: this process's relay at once, other instances by NOTIFY."""

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg

from servicekit.db import OUTBOX_CHANNEL

log = logging.getLogger(__name__)


class OutboxSignal:
    """Called after each commit that wrote outbox rows (the unit of work's `committed` hook).

    A `NOTIFY` inside every writing transaction cost a round trip while the transaction's row locks were
    held, and PostgreSQL takes one global lock to queue notifications at commit, which serialises the
    commits of notifying transactions. Instead, the relay running in this process is woken directly, and
    the relays of other instances (only the lease holder publishes) get one `NOTIFY`, sent on its own
    connection, at most once per `interval` however many transactions commit; polling stays the fallback.
    """

    def __init__(self, pool: asyncpg.Pool, interval: float) -> None:
        self._pool, self._interval = pool, interval
        self._wake_local: Callable[[], None] | None = None
        self._pending = False
        self._task: asyncio.Task[None] | None = None

    def attach(self, wake: Callable[[], None] | None) -> None:
        """Wake this callable (the in-process relay's) on every commit; None detaches it."""
        self._wake_local = wake

    def committed(self) -> None:
        """Outbox rows were just committed: wake the local relay now, and the others soon."""
        if self._wake_local is not None:
            self._wake_local()
        self._pending = True
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._notify_others(), name="outbox-notify")

    async def _notify_others(self) -> None:
        while self._pending:
            self._pending = False
            try:
                await self._pool.execute(f"NOTIFY {OUTBOX_CHANNEL}")
            except Exception as exc:  # the other relays poll: a lost NOTIFY only delays them
                log.warning("outbox notify failed", extra={"error": type(exc).__name__})
            await asyncio.sleep(self._interval)

    async def close(self) -> None:
        """Stop notifying (before the pool closes)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
