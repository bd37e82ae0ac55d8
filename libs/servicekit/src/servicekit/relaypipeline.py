"""The relay's batches in flight: the next one is claimed and sent while earlier ones await their answers."""

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from servicekit.relaypublish import Key, Outcome

BatchRun = Callable[[Sequence[asyncpg.Record]], Coroutine[Any, Any, Outcome]]


@dataclass(frozen=True)
class _Batch:
    seqs: frozenset[int]
    keys: frozenset[Key]
    task: "asyncio.Task[Outcome]"


class InFlight:
    """Up to `depth` batches between their claim and their settlement (answers awaited, rows marked).

    Later claims leave an unsettled batch's rows alone, so no row is sent twice at once. A later claim's
    rows whose key has a row in an unsettled batch are held back: not sent, not marked, and claimed again
    (first, being older) once that batch is settled. So one key's rows never overtake one another, even
    when the earlier batch fails, times out or is refused: a refusal is marked before its key is free,
    and from then on the claim itself holds the key's later rows."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self._batches: list[_Batch] = []

    def __bool__(self) -> bool:
        return bool(self._batches)

    @property
    def full(self) -> bool:
        """True when `depth` batches are unsettled: the next claim waits for one of them."""
        return len(self._batches) >= self.depth

    def skip(self) -> list[int]:
        """The seqs of every unsettled batch (for the claim to leave alone)."""
        return [seq for batch in self._batches for seq in batch.seqs]

    def admit(self, rows: Sequence[asyncpg.Record]) -> list[asyncpg.Record]:
        """The claimed rows that may go now: those whose key has no row in an unsettled batch."""
        if not self._batches:
            return list(rows)
        busy = frozenset().union(*(batch.keys for batch in self._batches))
        return [row for row in rows if (row["topic"], row["message_key"]) not in busy]

    def start(self, rows: Sequence[asyncpg.Record], run: BatchRun) -> None:
        """Send and settle `rows` in the background with `run`; they stay in flight until it returns."""
        seqs = frozenset(row["seq"] for row in rows)
        keys = frozenset((row["topic"], row["message_key"]) for row in rows)
        task = asyncio.get_running_loop().create_task(run(rows), name="outbox-relay-batch")
        self._batches.append(_Batch(seqs, keys, task))

    async def wait(self, wake: asyncio.Event | None = None, timeout: float | None = None) -> None:
        """Until a batch is settled, `wake` is set or `timeout` passes."""
        waits: set[asyncio.Future[Any]] = {batch.task for batch in self._batches}
        woken = asyncio.ensure_future(wake.wait()) if wake is not None else None
        try:
            if woken is not None:
                waits.add(woken)
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if woken is not None:
                woken.cancel()

    async def settle_all(self) -> None:
        """Until every batch in flight is settled."""
        if self._batches:
            await asyncio.wait([batch.task for batch in self._batches])

    def settled(self) -> list["asyncio.Task[Outcome]"]:
        """Take the settled batches out of flight, in the order they were sent; their keys are free."""
        done = [batch.task for batch in self._batches if batch.task.done()]
        self._batches = [batch for batch in self._batches if not batch.task.done()]
        return done

    async def close(self, grace: float) -> None:
        """Let the batches in flight settle for `grace` seconds, then cancel the rest (sent again later)."""
        tasks = [batch.task for batch in self._batches]
        self._batches = []
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
