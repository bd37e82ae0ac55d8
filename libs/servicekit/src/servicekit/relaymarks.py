"""Marks a fully published batch sent in the background while the relay claims and sends the next one."""

import asyncio
import logging
from collections.abc import Sequence

import asyncpg

from servicekit import relaystore

log = logging.getLogger(__name__)
_EMPTY = (1, 0)


class BackgroundMarks:
    """At most one mark in flight; until it lands, claims skip the seq range of its batch.

    Only a batch whose every row was acknowledged is marked in the background (a batch with failed or
    refused rows is settled before the next claim, so rows of a key behind them wait as before). A mark
    that fails is logged: its rows are claimed and published again, as after a crash between the
    broker's answer and the mark (at least once; consumers' inboxes drop the copies)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._task: asyncio.Task[None] | None = None
        self.skip = _EMPTY  # seqs (first, last) claims leave alone while the mark is in flight

    @property
    def in_flight(self) -> bool:
        """True while a mark has not landed yet."""
        return self._task is not None

    def start(self, sent: Sequence[int]) -> None:
        """Mark `sent` (every row of the batch) in the background; call `wait` first."""
        self.skip = (min(sent), max(sent))  # a row committed late inside it waits one more claim
        self._task = asyncio.get_running_loop().create_task(relaystore.settle(self._pool, sent, ()))

    async def wait(self) -> None:
        """Let the mark in flight land (or fail and be logged)."""
        task, self._task = self._task, None
        if task is None:
            return
        self.skip = _EMPTY
        try:
            await task
        except Exception as exc:
            why = {"error": type(exc).__name__}
            log.warning("outbox rows not marked sent, will publish again", extra=why)
