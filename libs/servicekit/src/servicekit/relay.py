"""Publishes outbox rows to Kafka in commit order and marks them sent; keeps backlog gauges."""

import asyncio
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass

import asyncpg
from opentelemetry import trace

from servicekit import relaystore
from servicekit.db import OUTBOX_CHANNEL
from servicekit.metrics import ServiceMetrics
from servicekit.producer import RenewableProducer
from servicekit.relaymarks import BackgroundMarks
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
    ) -> None:
        self._pool, self._producer, self._metrics = pool, producer, metrics
        self._publisher = BatchPublisher(producer, tracer, topic_prefix)
        self._batch, self._timing = batch_size, timing
        self._holder = f"relay-{uuid.uuid4().hex}"
        self._wake = asyncio.Event()
        self._last_progress = _now()
        self._marks = BackgroundMarks(pool)

    async def publish_pending(self) -> int:
        """Publish one batch; return how many rows it settled (sent or refused; a full batch: go on)."""
        rows = await self._claim()
        if not rows:
            self._last_progress = _now()  # nothing to publish, or another relay holds the lease
            return 0
        outcome = await self._publisher.publish(rows, self._timing.publish_timeout)
        await self._marks.wait()  # the previous batch's mark, which ran while this batch was sent
        if len(outcome.sent) == len(rows):
            self._marks.start(outcome.sent)  # lands while the next batch is claimed and sent
        else:
            await relaystore.settle(self._pool, outcome.sent, outcome.refused)
        self._report(outcome)
        if outcome.timed_out:  # batches left in the producer would expire and break its sequence numbers
            self._producer.renew(reason="PublishTimeout")
        return len(outcome.sent) + len(outcome.refused)

    async def _claim(self) -> list[asyncpg.Record]:
        """The next rows; while a mark is in flight, those after its batch (none there: let it land)."""
        claim, lease = relaystore.claim, self._timing.lease
        if self._marks.in_flight:
            if rows := await claim(self._pool, self._holder, lease, self._batch, self._marks.skip):
                return rows
            await self._marks.wait()
        return await claim(self._pool, self._holder, lease, self._batch)

    def _report(self, outcome: Outcome) -> None:
        if outcome.sent or outcome.refused:
            self._last_progress = _now()
        self._metrics.outbox_published.inc(len(outcome.sent))
        for seq, reason in outcome.refused:
            self._metrics.outbox_refused.labels(reason).inc()
            log.error("outbox row refused by Kafka", extra={"seq": seq, "error": reason})
        for reason, seqs in outcome.failed.items():
            self._metrics.outbox_publish_failures.labels(reason).inc(len(seqs))
            log.warning(
                "outbox rows not published, will retry",
                extra={"error": reason, "rows": len(seqs), "first_seq": min(seqs), "last_seq": max(seqs)},
            )

    def stalled_seconds(self) -> float:
        """Seconds since this relay last published or found nothing to do (0 while it keeps up)."""
        return _now() - self._last_progress

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
            with contextlib.suppress(Exception):  # bounded: an unmarked batch is only published again
                await asyncio.wait_for(self._marks.wait(), timeout=2)
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
        try:
            settled = await self.publish_pending()
        except Exception as exc:  # the relay must outlive broker and database outages
            log.warning("outbox relay cycle failed", extra={"error": type(exc).__name__})
            settled = 0
        if settled == self._batch:
            return
        await wait_woken(self._wake, self._timing.poll)

    def _on_notify(self, *_: object) -> None:
        self._wake.set()

    def wake(self) -> None:
        """Publish now: rows were committed in this process (cheaper than a NOTIFY round trip)."""
        self._wake.set()


def _now() -> float:
    return time.monotonic()


def _lost(conn: asyncpg.Connection) -> bool:
    """asyncpg gives a lost connection back to its pool by itself and detaches our proxy."""
    try:
        return bool(conn.is_closed())
    except asyncpg.InterfaceError:
        return True
