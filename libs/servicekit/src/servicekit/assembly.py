"""Builds a runtime's working parts from its settings: the outbox relay and the consumers' broker."""

import logging
from collections.abc import Callable, Sequence

import asyncpg
from faststream.kafka import KafkaBroker
from opentelemetry import trace

from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.engine import ConsumerEngine
from servicekit.kafka import subscribe
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
        prune_every=s.outbox_prune_seconds,
        keep=s.outbox_keep_hours * 3600,
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
