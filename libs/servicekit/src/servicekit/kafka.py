"""Kafka plumbing: the shared producer, topic creation, and faststream subscribers for the engine."""

import contextlib
import dataclasses
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import IllegalStateError, NoError, TopicAlreadyExistsError, for_code
from contracts.topics import Topic
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage

from servicekit.engine import ConsumerEngine
from servicekit.kafka_security import KafkaEndpoint, endpoint_of
from servicekit.metrics import ServiceMetrics
from servicekit.producer import RenewableProducer
from servicekit.redelivery import Redeliver

log = logging.getLogger(__name__)


def create_producer(kafka: KafkaEndpoint | str, request_timeout_ms: int = 30_000) -> RenewableProducer:
    """acks=all, idempotent: no duplicates or reordering from retries; renewed after a fatal error."""
    endpoint = endpoint_of(kafka)

    def build() -> AIOKafkaProducer:
        return AIOKafkaProducer(
            **endpoint.client_kwargs(),
            acks="all",
            enable_idempotence=True,
            linger_ms=5,
            compression_type=None,
            max_batch_size=1 << 20,
            request_timeout_ms=request_timeout_ms,
        )

    return RenewableProducer(build)


async def ensure_topics(
    kafka: KafkaEndpoint | str,
    topics: Iterable[Topic],
    prefix: str = "",
    *,
    replication_factor: int = 1,
    min_insync_replicas: int = 1,
) -> list[str]:
    """Create the topics (with their DLQs) that do not exist yet; return the names created.

    Partitions, retention and compaction come from the contract; replication and min.insync.replicas from the
    environment's settings (1/1 on one local broker; 3/2 in production, so acks=all survives one loss)."""
    admin = AIOKafkaAdminClient(**endpoint_of(kafka).client_kwargs())
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [t for t in _with_dead_letters(topics) if prefix + t.name not in existing]
        for topic in wanted:
            config = {**topic.kafka_config(), "min.insync.replicas": str(min_insync_replicas)}
            new = NewTopic(prefix + topic.name, topic.partitions, replication_factor, topic_configs=config)
            _raise_topic_errors(await admin.create_topics([new]))
        return [prefix + t.name for t in wanted]
    finally:
        await admin.close()


def _raise_topic_errors(response: Any) -> None:
    """The admin client returns refusals (e.g. more replicas than brokers) instead of raising them."""
    for _, code, *_ in response.topic_errors:
        error = for_code(code)
        if error not in (NoError, TopicAlreadyExistsError):  # already there: another service created it
            raise error()


def _with_dead_letters(topics: Iterable[Topic]) -> list[Topic]:
    out: dict[str, Topic] = {}
    for topic in topics:
        out[topic.name] = topic
        dlq = topic.dead_letter_topic()
        out[dlq.name] = dlq
    return list(out.values())


def _utf8_or_empty(value: bytes | None) -> bytes:
    try:
        (value or b"").decode()
    except UnicodeDecodeError:
        return b""
    return value or b""


async def _parse_leniently(records: Any, original_parser: Any) -> StreamMessage[Any]:
    """faststream decodes every header value as UTF-8; one that is not (or a null header) fails its parser
    before the handler and without a nack, so the whole batch would be skipped and committed with the next.
    Then parse a copy whose such values are blanked; the engine (and nack) get the records as they came.

    The engine reads the records themselves, never faststream's per-record header dicts: a batch is parsed
    from its first record only (building a dict of every record's headers cost as much as decoding them)."""
    batch = records if isinstance(records, tuple) else (records,)
    try:
        message: StreamMessage[Any] = await original_parser(_like(records, batch[0]))
    except (UnicodeDecodeError, AttributeError):
        first = dataclasses.replace(batch[0], headers=[(k, _utf8_or_empty(v)) for k, v in batch[0].headers])
        message = await original_parser(_like(records, first))
    message.raw_message = records
    if isinstance(records, tuple):
        message.body = [r.value or b"" for r in records]
    return message


def _like(records: Any, first: Any) -> Any:
    """`first` as faststream's parser expects it: a one-record batch when `records` is a batch."""
    return (first,) if isinstance(records, tuple) else first


async def _raw_body(message: StreamMessage[Any]) -> bytes:
    """Skip faststream's JSON decoding: the engine decodes and rejects bad payloads itself."""
    return message.body


def subscribe(
    broker: KafkaBroker,
    engine: ConsumerEngine,
    topics: list[str],
    *,
    max_records: int,
    max_poll_interval_ms: int,
    metrics: ServiceMetrics,
) -> None:
    """Attach the engine to `broker` as a batch subscriber; offsets are committed after handling."""

    @broker.subscriber(
        *topics,
        group_id=engine.group,
        batch=True,
        max_records=max_records,
        max_poll_interval_ms=max_poll_interval_ms,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        parser=_parse_leniently,
        decoder=_raw_body,
        include_in_schema=False,
    )
    async def consume(body: Any, msg: KafkaMessage) -> None:
        records = msg.raw_message if isinstance(msg.raw_message, tuple) else (msg.raw_message,)
        consumer = msg.consumer
        # half of max.poll.interval: past it the group would drop us and the batch would start over
        budget = max_poll_interval_ms / 2000
        try:
            await engine.handle(records, budget_seconds=budget)
        except Redeliver as redeliver:
            for tp, offset in redeliver.resume_at.items():
                with contextlib.suppress(IllegalStateError):  # revoked meanwhile: its new owner resumes
                    consumer.seek(tp, offset)
            log.warning("batch partly handled, polling again", extra={"group": engine.group})
            return  # faststream then commits the positions, i.e. exactly the finished records
        _observe_lag(consumer, records, engine.group, metrics)


def _observe_lag(
    consumer: AIOKafkaConsumer | None, records: Any, group: str, metrics: ServiceMetrics
) -> None:
    if consumer is None:
        return
    last: dict[TopicPartition, int] = {}
    for r in records:
        last[TopicPartition(r.topic, r.partition)] = r.offset
    for tp, offset in last.items():
        try:
            high = consumer.highwater(tp)
        except IllegalStateError:  # revoked while we handled it: its new owner reports the lag
            continue
        if high is not None:
            metrics.consumer_lag.labels(group, tp.topic, str(tp.partition)).set(max(0, high - offset - 1))
