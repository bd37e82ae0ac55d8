"""A service's runtime: pool, producer, outbox relay and consumers, started and stopped together."""

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from contracts.topics import Topic, topic
from fastapi import FastAPI
from faststream.kafka import KafkaBroker

from servicekit.assembly import build_broker, build_relay, create_topics, start_producer, started
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork, create_pool
from servicekit.dependencies import Connector, DependencyStates, Step, quiet
from servicekit.kafka_security import kafka_endpoint
from servicekit.metrics import ServiceMetrics
from servicekit.migrations import apply_migrations
from servicekit.outbox import OutboxWriter
from servicekit.outboxsignal import OutboxSignal
from servicekit.producer import RenewableProducer
from servicekit.pruning import KitPruners
from servicekit.relay import OutboxRelay
from servicekit.settings import ServiceSettings
from servicekit.tasks import cancel_and_wait
from servicekit.telemetry import Telemetry

log = logging.getLogger(__name__)

POSTGRESQL, KAFKA = "postgresql", "kafka"


class NotConnected(RuntimeError):
    """A dependency the runtime has not brought up (yet): the request may succeed later (HTTP 503)."""


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
        self.kafka = kafka_endpoint(settings)  # every Kafka client: bootstrap + TLS/SASL
        self.telemetry = Telemetry(settings.service_name, settings.traces_endpoint)
        self.metrics = ServiceMetrics()
        self.outbox = OutboxWriter(settings.source)
        self._unit_of_work = unit_of_work
        self._pool: asyncpg.Pool | None = None
        self._signal: OutboxSignal | None = None  # wakes relays after commits (with the pool)
        self._producer: RenewableProducer | None = None
        self._relay: OutboxRelay | None = None
        self._broker: KafkaBroker | None = None
        self._relay_task: asyncio.Task[None] | None = None
        self._pruners = KitPruners()
        self._connect_task: asyncio.Task[None] | None = None
        self._migrated = self._topics_created = False
        self.http_only = False  # an extra HTTP worker process (httpworkers.py): no relay/consumers/pruners
        self.dependencies = DependencyStates([POSTGRESQL, KAFKA])
        self._connector = self._new_connector()

    @property
    def pool(self) -> asyncpg.Pool:
        """The service's database pool (after start)."""
        if self._pool is None:
            raise NotConnected("postgresql")
        return self._pool

    @property
    def producer(self) -> RenewableProducer:
        """The shared idempotent producer (after start); AIOKafkaProducer's send/send_and_wait."""
        if self._producer is None:
            raise NotConnected("kafka")
        return self._producer

    def uow(self) -> UnitOfWork:
        """A fresh unit of work (one transaction)."""
        pool, signal = self.pool, self._signal
        return self._unit_of_work(
            pool, self.outbox, self.telemetry.tracer, committed=signal.committed if signal else None
        )

    def serve_http_only(self) -> None:
        """Run as an extra HTTP worker: pool and producer only (Kafka's readiness); the main process's
        relay publishes this process's outbox rows, woken by its `NOTIFY`."""
        self.http_only = True

    def topic_name(self, logical: str) -> str:
        """The physical topic name (with the configured prefix)."""
        return self.settings.topic_prefix + logical

    def migrate(self) -> list[str]:
        """Apply pending migrations as the schema's owner (synchronous; run before serving).

        The owner is ``migration_database_url``; without it, ``database_url`` (local development).
        """
        dsn = self.settings.migration_database_url or self.settings.database_url
        return apply_migrations(dsn.get_secret_value(), self.migrations)

    async def start(self, *, background: bool = False) -> None:
        """Connect the pool (and migrate if so set), create missing topics, start producer, relay, consumers.

        By default one attempt that raises the first failure (tools, tests). With ``background`` it returns
        at once and keeps trying with capped backoff until all is up; `readiness` says how far it got.
        """
        if not background:
            await self._connector.attempt(strict=True)
            return
        name = f"{self.settings.service_name}-connect"
        self._connect_task = asyncio.create_task(self._connector.run(), name=name)

    async def connected(self, timeout: float) -> None:
        """Wait until everything is up (after ``start(background=True)``); TimeoutError after ``timeout``."""
        await asyncio.wait_for(self._connector.done.wait(), timeout)

    def _new_connector(self) -> Connector:
        """Pool first, then topics and producer, then relay and consumers (which need both)."""
        steps = [Step(POSTGRESQL, self._open_pool), Step(KAFKA, self._open_kafka)]
        steps.append(Step(KAFKA, self._run, needs=(POSTGRESQL, KAFKA)))
        first, most = self.settings.startup_retry_initial_seconds, self.settings.startup_retry_max_seconds
        return Connector(steps, self.dependencies, first, most)

    async def _open_pool(self) -> None:
        s = self.settings
        if self._pool is None:
            self._pool = await create_pool(s.database_url.get_secret_value(), s.db_pool_max)
            self._signal = OutboxSignal(self._pool, s.outbox_notify_interval_seconds)
        if s.migrate_on_start and not self._migrated:
            await asyncio.to_thread(self.migrate)
            self._migrated = True

    async def _open_kafka(self) -> None:
        with quiet("aiokafka"):  # no relay or consumer runs yet: its errors would be ours, once per attempt
            await self._open_topics_and_producer()

    async def _open_topics_and_producer(self) -> None:
        s = self.settings
        if s.create_topics and not self._topics_created and not self.http_only:
            consumed = [topic(name) for c in self.consumers for name in c.topics]
            await create_topics(s, self.kafka, [*self.produces, *consumed])
            self._topics_created = True
        if self._producer is None:
            self._producer = await start_producer(s, self.kafka)

    async def _run(self) -> None:
        """The relay and the consumers, once the pool and the producer are there."""
        if self.http_only:
            return
        if self.settings.relay_enabled and self._relay_task is None:
            name = f"{self.settings.service_name}-outbox-relay"
            self._relay = relay = self.relay()
            self._relay_task = asyncio.create_task(relay.run(), name=name)
            if self._signal is not None:
                self._signal.attach(relay.wake)
        outbox, inbox = self.settings.relay_enabled, bool(self.consumers)
        self._pruners.start(self.settings, self.pool, self.metrics, outbox=outbox, inbox=inbox)
        if self.consumers and self._broker is None:
            self._broker = await started(self._build_broker())

    def relay(self) -> OutboxRelay:
        """An outbox relay on this runtime's pool and producer (after start)."""
        return build_relay(self.settings, self.pool, self.producer, self.telemetry.tracer, self.metrics)

    def _build_broker(self) -> KafkaBroker:
        t = self.telemetry.tracer
        return build_broker(
            self.settings, self.kafka, self.consumers, self.uow, self.producer, t, self.metrics
        )

    async def stop(self) -> None:
        """Stop connecting, then consumers, relay, producer and pool, in that order."""
        await cancel_and_wait(self._connect_task, "dependency connector")
        if self._broker is not None:
            await self._broker.stop()
        await self._pruners.stop()
        await cancel_and_wait(self._relay_task, "outbox relay")  # before the producer and pool it uses
        if self._signal is not None:
            await self._signal.close()
        if self._producer is not None:
            await self._producer.stop()
        if self._pool is not None:
            await self._pool.close()
        self._broker = self._relay_task = self._relay = self._connect_task = None
        self._producer = self._pool = self._signal = None
        self._topics_created = False
        self._connector = self._new_connector()
        self.dependencies.reset()
        self.telemetry.force_flush()

    async def readiness(self) -> dict[str, str]:
        """'ok', 'connecting' or 'unavailable' for PostgreSQL and Kafka (error types are only logged), and
        the outbox 'stalled' while rows wait unpublished."""
        if self._connector.done.is_set():  # up once: ask them now; pool and clients reconnect by themselves
            timeout = self.settings.readiness_timeout_seconds
            await self.dependencies.probe(POSTGRESQL, self._check_db(), timeout)
            await self.dependencies.probe(KAFKA, self._check_kafka(), timeout)
        checks = self.dependencies.snapshot()
        if self._relay is not None:
            checks["outbox"] = "stalled" if self._relay.is_stalled() else "ok"
        return checks

    async def _check_db(self) -> None:
        await self.pool.fetchval("SELECT 1")

    async def _check_kafka(self) -> None:
        await self.producer.client.fetch_all_metadata()
