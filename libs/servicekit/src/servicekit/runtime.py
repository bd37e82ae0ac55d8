"""A service's runtime: pool, producer, outbox relay and consumers, started and stopped together."""

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
from contracts.topics import Topic, topic
from fastapi import FastAPI
from faststream.kafka import KafkaBroker

from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork, create_pool
from servicekit.engine import ConsumerEngine
from servicekit.kafka import create_producer, ensure_topics, subscribe
from servicekit.metrics import ServiceMetrics
from servicekit.migrations import apply_migrations
from servicekit.outbox import OutboxWriter
from servicekit.producer import RenewableProducer
from servicekit.relay import OutboxRelay, RelayTiming
from servicekit.retry import Backoff
from servicekit.settings import ServiceSettings
from servicekit.telemetry import Telemetry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Service:
    """What a service's bootstrap returns: its runtime and its HTTP app."""

    runtime: "ServiceRuntime"
    app: FastAPI


class ServiceRuntime:
    """Everything with a connection. Built by a service's bootstrap; nothing connects until `start`."""

    def __init__(
        self,
        settings: ServiceSettings,
        *,
        migrations: Path,
        produces: Sequence[Topic] = (),
        consumers: Sequence[EventConsumer] = (),
        unit_of_work: Callable[..., UnitOfWork] = UnitOfWork,
    ) -> None:
        self.settings = settings
        self.migrations, self.produces, self.consumers = migrations, produces, consumers
        self.telemetry = Telemetry(settings.service_name, settings.otlp_endpoint)
        self.metrics = ServiceMetrics()
        self.outbox = OutboxWriter(settings.source)
        self._unit_of_work = unit_of_work
        self._pool: asyncpg.Pool | None = None
        self._producer: RenewableProducer | None = None
        self._relay: OutboxRelay | None = None
        self._broker: KafkaBroker | None = None
        self._relay_task: asyncio.Task[None] | None = None

    @property
    def pool(self) -> asyncpg.Pool:
        """The service's database pool (after start)."""
        if self._pool is None:
            raise RuntimeError("runtime not started")
        return self._pool

    @property
    def producer(self) -> RenewableProducer:
        """The shared idempotent producer (after start); AIOKafkaProducer's send/send_and_wait."""
        if self._producer is None:
            raise RuntimeError("runtime not started")
        return self._producer

    def uow(self) -> UnitOfWork:
        """A fresh unit of work (one transaction)."""
        return self._unit_of_work(self.pool, self.outbox, self.telemetry.tracer)

    def topic_name(self, logical: str) -> str:
        """The physical topic name (with the configured prefix)."""
        return self.settings.topic_prefix + logical

    def migrate(self) -> list[str]:
        """Apply pending migrations (synchronous; run before serving)."""
        return apply_migrations(self.settings.database_url.get_secret_value(), self.migrations)

    async def start(self) -> None:
        """Connect, create missing topics, start the relay and the consumers."""
        s = self.settings
        self._pool = await create_pool(s.database_url.get_secret_value(), s.db_pool_max)
        if s.create_topics:
            consumed = [topic(name) for c in self.consumers for name in c.topics]
            await ensure_topics(
                s.kafka_bootstrap,
                [*self.produces, *consumed],
                s.topic_prefix,
                replication_factor=s.topic_replication_factor,
                min_insync_replicas=s.topic_min_insync_replicas,
            )
        self._producer = create_producer(s.kafka_bootstrap, s.kafka_request_timeout_ms)
        await self._producer.start()
        if s.relay_enabled:
            self._relay = relay = self.relay()
            self._relay_task = asyncio.create_task(relay.run(), name=f"{s.service_name}-outbox-relay")
        if self.consumers:
            self._broker = self._build_broker()
            await self._broker.start()

    def relay(self) -> OutboxRelay:
        """An outbox relay on this runtime's pool and producer (after start)."""
        s = self.settings
        return OutboxRelay(
            self.pool,
            self.producer,
            self.telemetry.tracer,
            self.metrics,
            topic_prefix=s.topic_prefix,
            batch_size=s.relay_batch_size,
            timing=RelayTiming(
                poll=s.relay_poll_seconds,
                publish_timeout=s.relay_publish_timeout_seconds,
                lease=s.relay_lease_seconds,
                prune_every=s.outbox_prune_seconds,
                keep=s.outbox_keep_hours * 3600,
                stall=s.relay_stall_seconds,
            ),
        )

    def _build_broker(self) -> KafkaBroker:
        s = self.settings
        broker = KafkaBroker(s.kafka_bootstrap, logger=log, graceful_timeout=10)
        backoff = Backoff(s.consumer_max_attempts, s.consumer_backoff_seconds, s.consumer_backoff_max_seconds)
        for spec in self.consumers:
            engine = ConsumerEngine(
                spec,
                group=s.topic_prefix + spec.group,
                uow=self.uow,
                producer=self.producer,
                tracer=self.telemetry.tracer,
                metrics=self.metrics,
                backoff=backoff,
            )
            topics = [self.topic_name(t) for t in spec.topics]
            subscribe(
                broker,
                engine,
                topics,
                max_records=s.consumer_batch_size,
                max_poll_interval_ms=s.consumer_max_poll_interval_ms,
                metrics=self.metrics,
            )
        return broker

    async def stop(self) -> None:
        """Stop consumers, relay, producer and pool, in that order."""
        if self._broker is not None:
            await self._broker.stop()
        if self._relay_task is not None:
            self._relay_task.cancel()
            try:
                await self._relay_task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("outbox relay had died")  # still close the producer and the pool
        if self._producer is not None:
            await self._producer.stop()
        if self._pool is not None:
            await self._pool.close()
        self._broker = self._relay_task = self._producer = self._pool = self._relay = None
        self.telemetry.force_flush()

    async def readiness(self) -> dict[str, str]:
        """'ok' or the error type for PostgreSQL and Kafka; outbox 'stalled' while rows wait unpublished."""
        checks = {"postgresql": await _check(self._check_db()), "kafka": await _check(self._check_kafka())}
        if self._relay is not None:
            checks["outbox"] = "stalled" if self._relay.is_stalled() else "ok"
        return checks

    async def _check_db(self) -> None:
        await self.pool.fetchval("SELECT 1")

    async def _check_kafka(self) -> None:
        await self.producer.client.fetch_all_metadata()


async def _check(probe: Coroutine[Any, Any, None]) -> str:
    try:
        await asyncio.wait_for(probe, timeout=3)
    except Exception as exc:
        return type(exc).__name__
    return "ok"
