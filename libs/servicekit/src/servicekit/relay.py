"""Publishes outbox rows to Kafka in commit order and marks them sent; keeps backlog gauges."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg
from opentelemetry import trace

from servicekit import relaystore
from servicekit.db import OUTBOX_CHANNEL
from servicekit.metrics import ServiceMetrics
from servicekit.producer import RenewableProducer
from servicekit.relaypipeline import InFlight
from servicekit.relayprogress import RelayProgress
from servicekit.relaypublish import BatchPublisher, Outcome
from servicekit.tasks import cancel_and_wait, wait_woken

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelayTiming:
    """How often and how long the relay waits (seconds)."""

    poll: float = 1.0
    publish_timeout: float = 10.0  # a batch's sends and acknowledgements; below the lease
    lease: float = 60.0  # another relay takes over when the holder has not renewed for this long
    stall: float = 120.0  # rows wait and nothing was published this long: not ready


class OutboxRelay:
    """At-least-once publisher of the outbox; consumers' inboxes turn that into exactly-once effects.

    No transaction or row lock is held while Kafka is awaited: rows are read under a lease (one relay at a
    time publishes, so one key's rows keep their commit order), sent, and then marked in one statement."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        producer: RenewableProducer,
        tracer: trace.Tracer,
        metrics: ServiceMetrics,
        *,
        topic_prefix: str = "",
        batch_size: int = 500,
        timing: RelayTiming = RelayTiming(),
        in_flight: int = 3,
    ) -> None:
        self._pool, self._producer, self._metrics = pool, producer, metrics
        self._publisher = BatchPublisher(producer, tracer, topic_prefix)
        self._batch, self._timing = batch_size, timing
        self._holder = f"relay-{uuid.uuid4().hex}"
        self._wake = asyncio.Event()
        self._progress = RelayProgress(metrics)
        self._in_flight = InFlight(in_flight)

    async def publish_pending(self) -> int:
        """Publish one batch and wait for it to settle; return how many rows it sent or refused."""
        await self._advance()
        await self._in_flight.settle_all()
        return self._reap()

    async def publish_available(self) -> int:
        """Publish until nothing is left to claim (or a batch fails), with up to `in_flight` batches
        awaiting their answers at once; return how many rows were sent or refused."""
        settled = 0
        while not self._progress.failing:
            settled += await self._free_slot()
            if await self._advance():
                continue
            if not self._in_flight:
                return settled + self._reap()
            await self._in_flight.wait()
        await self._in_flight.settle_all()
        return settled + self._reap()

    async def _free_slot(self) -> int:
        """Wait while `in_flight` batches are unsettled; report the settled ones, return their rows."""
        if self._in_flight.full:
            await self._in_flight.wait()
        return self._reap()

    async def _advance(self) -> int:
        """Claim the next rows, send those whose key is not in flight; return how many were sent off."""
        rows = await relaystore.claim(
            self._pool, self._holder, self._timing.lease, self._batch, self._in_flight.skip()
        )
        if not rows and not self._in_flight:
            self._progress.idle()  # nothing to publish, or another relay holds the lease
        if ready := self._in_flight.admit(rows):
            self._in_flight.start(ready, self._settle_batch)
        return len(ready)

    async def _settle_batch(self, rows: Sequence[asyncpg.Record]) -> Outcome:
        """Send `rows`, then mark what was acknowledged or refused (its keys are free only after that)."""
        outcome = await self._publisher.publish(rows, self._timing.publish_timeout)
        if outcome.timed_out:  # its record batches left in the producer would break its sequence numbers
            self._producer.renew(reason="PublishTimeout")  # later batches queued there fail and go again
        try:
            await relaystore.settle(self._pool, outcome.sent, outcome.refused)
        except Exception as exc:  # unmarked rows are only published again (at least once)
            log.warning("outbox rows not marked, will publish again", extra={"error": type(exc).__name__})
        return outcome

    def _reap(self) -> int:
        """Report the settled batches (their keys are free now); return how many rows they settled."""
        return self._progress.settled(self._in_flight.settled())

    def stalled_seconds(self) -> float:
        """Seconds since this relay last published or found nothing to do (0 while it keeps up)."""
        return self._progress.stalled_seconds()

    def is_stalled(self) -> bool:
        """True when rows have waited with nothing published for longer than the stall limit."""
        return self.stalled_seconds() > self._timing.stall

    async def observe_backlog(self) -> None:
        """Update the backlog, oldest-age, refused and stalled gauges."""
        backlog = await relaystore.backlog(self._pool)
        self._metrics.outbox_backlog.set(backlog.pending)
        self._metrics.outbox_oldest_seconds.set(backlog.oldest_seconds)
        self._metrics.outbox_refused_rows.set(backlog.refused)
        self._metrics.outbox_stalled_seconds.set(self.stalled_seconds() if backlog.pending else 0.0)

    async def run(self) -> None:
        """Publish until cancelled; wake on NOTIFY, poll as a fallback (and while LISTEN is down)."""
        upkeep = asyncio.create_task(self._upkeep(), name="outbox-relay-upkeep")
        listener: asyncpg.Connection | None = None
        try:
            while True:
                if listener is None or _lost(listener):
                    listener = await self._listen()  # again after a database restart: NOTIFY resumes
                await self._cycle()
        finally:
            await self._in_flight.close(grace=2)  # bounded: an unmarked batch is only published again
            await cancel_and_wait(upkeep, "outbox upkeep")
            if listener is not None:
                with contextlib.suppress(Exception):
                    await listener.remove_listener(OUTBOX_CHANNEL, self._on_notify)
                await self._pool.release(listener)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(relaystore.release(self._pool, self._holder), timeout=2)

    async def _upkeep(self) -> None:
        """Gauges every poll, whatever the traffic and however Kafka is (`KitPruners` prunes sent rows)."""
        while True:
            try:
                await self.observe_backlog()
            except Exception as exc:
                log.warning("outbox upkeep failed", extra={"error": type(exc).__name__})
            await asyncio.sleep(self._timing.poll)

    async def _listen(self) -> asyncpg.Connection | None:
        """A connection LISTENing on the outbox channel, or None while the database refuses."""
        try:
            conn = await self._pool.acquire()
        except Exception as exc:
            log.warning("outbox relay cannot listen", extra={"error": type(exc).__name__})
            return None
        try:
            await conn.add_listener(OUTBOX_CHANNEL, self._on_notify)
        except BaseException as exc:  # failed or cancelled: never keep the connection
            await self._pool.release(conn)
            if not isinstance(exc, Exception):
                raise
            log.warning("outbox relay cannot listen", extra={"error": type(exc).__name__})
            return None
        return conn

    async def _cycle(self) -> None:
        self._wake.clear()
        await self._free_slot()
        try:
            started = await self._advance()
        except Exception as exc:  # the relay must outlive broker and database outages
            log.warning("outbox relay cycle failed", extra={"error": type(exc).__name__})
            started = 0
        self._reap()
        if started == self._batch and not self._progress.failing:
            return  # a full batch: more rows may wait, claim them while this one is answered
        if self._in_flight and not self._progress.failing:
            await self._in_flight.wait(self._wake, self._timing.poll)
        else:  # idle, or Kafka is not taking rows: not the same rows again at once
            await wait_woken(self._wake, self._timing.poll)

    def _on_notify(self, *_: object) -> None:
        self._wake.set()

    def wake(self) -> None:
        """Publish now: rows were committed in this process (cheaper than a NOTIFY round trip)."""
        self._wake.set()


def _lost(conn: asyncpg.Connection) -> bool:
    """asyncpg gives a lost connection back to its pool by itself and detaches our proxy."""
    try:
        return bool(conn.is_closed())
    except asyncpg.InterfaceError:
        return True
