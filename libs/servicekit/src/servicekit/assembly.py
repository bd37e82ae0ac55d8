"""Builds a runtime's working parts from its settings: topics, producer, outbox relay, consumers' broker."""

import logging
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import asyncpg
from contracts.topics import Topic
from faststream.kafka import KafkaBroker
from opentelemetry import trace

from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.engine import ConsumerEngine
from servicekit.kafka import create_producer, ensure_topics, subscribe
from servicekit.kafka_security import KafkaEndpoint
from servicekit.metrics import ServiceMetrics
from servicekit.producer import RenewableProducer
from servicekit.relay import OutboxRelay, RelayTiming
from servicekit.retry import Backoff
from servicekit.settings import ServiceSettings

log = logging.getLogger("servicekit.runtime")


def build_relay(
    s: ServiceSettings,
    pool: asyncpg.Pool,
    producer: RenewableProducer,
    tracer: trace.Tracer,
    metrics: ServiceMetrics,
) -> OutboxRelay:
    """An outbox relay with the settings' batch size and timings."""
    timing = RelayTiming(
        poll=s.relay_poll_seconds,
        publish_timeout=s.relay_publish_timeout_seconds,
        lease=s.relay_lease_seconds,
        stall=s.relay_stall_seconds,
    )
    return OutboxRelay(
        pool,
        producer,
        tracer,
        metrics,
        topic_prefix=s.topic_prefix,
        batch_size=s.relay_batch_size,
        timing=timing,
        in_flight=s.relay_in_flight,
    )


def build_broker(
    s: ServiceSettings,
    kafka: KafkaEndpoint,
    consumers: Sequence[EventConsumer],
    uow: Callable[[], UnitOfWork],
    producer: RenewableProducer,
    tracer: trace.Tracer,
    metrics: ServiceMetrics,
) -> KafkaBroker:
    """One faststream broker with a batch subscriber (and its engine) per consumer group."""
    broker = KafkaBroker(kafka.bootstrap, security=kafka.security, logger=log, graceful_timeout=10)
    backoff = Backoff(s.consumer_max_attempts, s.consumer_backoff_seconds, s.consumer_backoff_max_seconds)
    for spec in consumers:
        group = s.topic_prefix + spec.group
        engine = ConsumerEngine(
            spec, group=group, uow=uow, producer=producer, tracer=tracer, metrics=metrics, backoff=backoff
        )
        subscribe(
            broker,
            engine,
            [s.topic_prefix + t for t in spec.topics],
            max_records=s.consumer_batch_size,
            max_poll_interval_ms=s.consumer_max_poll_interval_ms,
            metrics=metrics,
        )
    return broker


async def create_topics(s: ServiceSettings, kafka: KafkaEndpoint, topics: Sequence[Topic]) -> None:
    """Create the missing ones of these topics with the settings' prefix and replication."""
    await ensure_topics(
        kafka,
        topics,
        s.topic_prefix,
        replication_factor=s.topic_replication_factor,
        min_insync_replicas=s.topic_min_insync_replicas,
    )


async def start_producer(s: ServiceSettings, kafka: KafkaEndpoint) -> RenewableProducer:
    """The runtime's one idempotent producer, started."""
    return await started(create_producer(kafka, s.kafka_request_timeout_ms))


class _Startable(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


_Client = TypeVar("_Client", bound=_Startable)


async def started(client: _Client) -> _Client:
    """`client` started; stopped again when its start fails (a failed start leaves its tasks behind)."""
    try:
        await client.start()
    except BaseException:
        await client.stop()
        raise
    return client
