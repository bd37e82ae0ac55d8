"""Publishes outbox rows to Kafka in commit order, then marks them sent."""

import asyncio
import contextlib
import json
import logging
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer
from opentelemetry import trace

from servicekit.db import OUTBOX_CHANNEL
from servicekit.metrics import ServiceMetrics
from servicekit.telemetry import context_from_mapping, current_trace_headers

log = logging.getLogger(__name__)
PRUNE_EVERY_SECONDS = 60.0

# FOR UPDATE (not SKIP LOCKED): a second relay waits for the first batch, so one key never overtakes itself.
_CLAIM = """
SELECT seq, topic, message_key, headers, payload FROM outbox
WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE
"""
_MARK_SENT = "UPDATE outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])"
_PRUNE = "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)"
_BACKLOG = "SELECT count(*), extract(epoch FROM now() - min(created_at)) FROM outbox WHERE sent_at IS NULL"


class OutboxRelay:
    """At-least-once publisher of the outbox; consumers' inboxes turn that into exactly-once effects."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        producer: AIOKafkaProducer,
        tracer: trace.Tracer,
        metrics: ServiceMetrics,
        *,
        topic_prefix: str = "",
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        keep_seconds: float = 72 * 3600,
    ) -> None:
        self._pool, self._producer, self._tracer, self._metrics = pool, producer, tracer, metrics
        self._prefix, self._batch, self._poll, self._keep = (
            topic_prefix,
            batch_size,
            poll_seconds,
            keep_seconds,
        )
        self._wake = asyncio.Event()
        self._next_prune = 0.0

    async def publish_pending(self) -> int:
        """Publish one batch of unsent rows; return how many were claimed (a full batch: go on at once)."""
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(_CLAIM, self._batch)
            if not rows:
                return 0
            sends: list[tuple[int, asyncio.Future[Any]]] = []
            refused: set[tuple[str, str]] = set()  # (topic, key): later rows of that key wait, in order
            for row in rows:
                key = (row["topic"], row["message_key"])
                if key in refused:
                    continue
                try:
                    sends.append((row["seq"], await self._send(row)))
                except Exception as exc:  # refused by the producer itself (size, unknown topic, ...)
                    refused.add(key)
                    log.error("outbox row refused", extra={"seq": row["seq"], "error": type(exc).__name__})
            results = await asyncio.gather(*(future for _, future in sends), return_exceptions=True)
            ok = [not isinstance(result, BaseException) for result in results]
            acked = [seq for (seq, _), sent in zip(sends, ok, strict=True) if sent]
            await conn.execute(_MARK_SENT, acked)  # exactly what Kafka acknowledged: no republishing
        self._metrics.outbox_published.inc(len(acked))
        return len(acked)

    async def _send(self, row: asyncpg.Record) -> "asyncio.Future[Any]":
        headers: dict[str, str] = json.loads(row["headers"])
        topic = self._prefix + row["topic"]
        with self._tracer.start_as_current_span(
            f"{topic} publish",
            context=context_from_mapping(headers),
            kind=trace.SpanKind.PRODUCER,
            attributes={"messaging.system": "kafka", "messaging.destination.name": topic},
        ):
            headers.update(current_trace_headers())
            future: asyncio.Future[Any] = await self._producer.send(
                topic,
                value=row["payload"],
                key=row["message_key"].encode(),
                headers=[(k, v.encode()) for k, v in headers.items()],
            )
            return future

    async def prune(self) -> int:
        """Delete sent rows older than the retention; return how many."""
        status = await self._pool.execute(_PRUNE, self._keep)
        return int(status.split()[-1])

    async def observe_backlog(self) -> None:
        """Update the backlog-size and oldest-age gauges."""
        count, age = await self._pool.fetchrow(_BACKLOG)
        self._metrics.outbox_backlog.set(count)
        self._metrics.outbox_oldest_seconds.set(float(age or 0))

    async def run(self) -> None:
        """Publish until cancelled; wake on NOTIFY, poll as a fallback (and while LISTEN is down)."""
        listener: asyncpg.Connection | None = None
        try:
            while True:
                if listener is None or _lost(listener):
                    listener = await self._listen()  # again after a database restart: NOTIFY resumes
                await self._cycle()
        finally:
            if listener is not None:
                with contextlib.suppress(Exception):
                    await listener.remove_listener(OUTBOX_CHANNEL, self._on_notify)
                await self._pool.release(listener)

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
            sent = await self.publish_pending()
            await self.observe_backlog()
        except Exception as exc:  # the relay must outlive broker and database outages
            log.warning("outbox relay cycle failed", extra={"error": type(exc).__name__})
            sent = 0
        if sent == self._batch:
            return
        now = asyncio.get_running_loop().time()
        if sent == 0 and now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY_SECONDS
            with contextlib.suppress(Exception):
                await self.prune()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self._poll)

    def _on_notify(self, *_: object) -> None:
        self._wake.set()


def _lost(conn: asyncpg.Connection) -> bool:
    """asyncpg gives a lost connection back to its pool by itself and detaches our proxy."""
    try:
        return bool(conn.is_closed())
    except asyncpg.InterfaceError:
        return True
