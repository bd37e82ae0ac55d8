"""Dead-letter topics: send a failed record there with the reason, where it came from, and when."""

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaProducer, ConsumerRecord
from aiokafka.errors import MessageSizeTooLargeError, RecordListTooLargeError, RecordTooLargeError

from servicekit.metrics import ServiceMetrics
from servicekit.retry import Backoff

log = logging.getLogger(__name__)

DLQ_SUFFIX = ".dlq"
# on a redriven record: only this consumer group handles it (the others dead-lettered nothing)
KIT_HEADER_PREFIX = "dlq_"  # every header the kit adds to a dead letter, a redrive or a release marker
H_REDRIVE_GROUP = "dlq_redrive_group"
H_REASON, H_CODE, H_GROUP, H_ATTEMPTS = "dlq_reason", "dlq_code", "dlq_consumer_group", "dlq_attempts"
H_TOPIC, H_PARTITION, H_OFFSET, H_FAILED_AT = (
    "dlq_original_topic",
    "dlq_original_partition",
    "dlq_original_offset",
    "dlq_failed_at",
)
# the DLQ copy is the original plus our headers, so it can exceed a limit the original met: then the copy
# keeps this much of the payload and says so; the whole original stays at its topic/partition/offset
H_TRUNCATED, TRUNCATED_KEEP_BYTES = "dlq_truncated_from_bytes", 1024
_TOO_LARGE = (MessageSizeTooLargeError, RecordTooLargeError, RecordListTooLargeError)


def dead_letter_topic(topic: str) -> str:
    """The DLQ of a (physical) topic."""
    return topic + DLQ_SUFFIX


def strip_dlq_headers(headers: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The original headers of a dead-lettered record."""
    return [(k, v) for k, v in headers if not k.startswith(KIT_HEADER_PREFIX)]


def dead_letter_headers(
    record: ConsumerRecord[Any, Any], *, reason: str, code: str, group: str, attempts: int
) -> list[tuple[str, bytes]]:
    """Original headers plus why, where from and when."""
    extra = {
        H_REASON: reason,
        H_CODE: code,
        H_GROUP: group,
        H_ATTEMPTS: str(attempts),
        H_TOPIC: record.topic,
        H_PARTITION: str(record.partition),
        H_OFFSET: str(record.offset),
        H_FAILED_AT: datetime.now(UTC).isoformat(),
    }
    return strip_dlq_headers(record.headers) + [(k, v.encode()) for k, v in extra.items()]


async def send_to_dead_letter(
    producer: AIOKafkaProducer,
    record: ConsumerRecord[Any, Any],
    *,
    reason: str,
    code: str,
    group: str,
    attempts: int,
    deadline: float = math.inf,
) -> None:
    """Publish the record (same key and value) to its topic's DLQ and wait for the ack.

    A copy over the size limit goes with its payload truncated and an `H_TRUNCATED` header. `deadline`
    (event loop time) bounds the wait for the topic's metadata, not for the ack of a queued letter.
    """
    topic = dead_letter_topic(record.topic)
    headers = dead_letter_headers(record, reason=reason, code=code, group=group, attempts=attempts)
    try:
        await _send(producer, topic, record.key, record.value, headers, deadline)
    except _TOO_LARGE:
        value = record.value or b""
        headers.append((H_TRUNCATED, str(len(value)).encode()))
        await _send(producer, topic, record.key, value[:TRUNCATED_KEEP_BYTES], headers, deadline)


async def _send(
    producer: AIOKafkaProducer,
    topic: str,
    key: bytes | None,
    value: bytes | None,
    headers: list[tuple[str, bytes]],
    deadline: float,
) -> None:
    # a letter given up after it was queued may still arrive: then a redelivery would send it twice
    async with asyncio.timeout_at(None if math.isinf(deadline) else deadline):
        delivery = await producer.send(topic, value=value, key=key, headers=headers)
    await delivery


class DeadLetterSender:
    """Sends one consumer group's dead letters; after a refusal (no DLQ topic, broker down) it pauses,
    growing and capped, instead of trying again at once."""

    def __init__(
        self,
        producer: AIOKafkaProducer,
        backoff: Backoff,
        *,
        group: str,
        metrics: ServiceMetrics,
        before_send: Callable[[ConsumerRecord[Any, Any]], Awaitable[None]] | None = None,
        after_send: Callable[[ConsumerRecord[Any, Any], str], Awaitable[None]] | None = None,
    ) -> None:
        self._producer, self._backoff, self._group, self._metrics = producer, backoff, group, metrics
        self._before_send, self._after_send = before_send, after_send
        self._refusals = 0  # in a row

    async def send(
        self,
        record: ConsumerRecord[Any, Any],
        reason: str,
        code: str,
        attempts: int,
        deadline: float,
        *,
        of_valid_event: bool = True,
    ) -> None:
        """Send within `deadline` (event loop time); on failure pause (at most until then) and raise.

        `before_send` (holding the key) runs only for valid events: a record rejected as undecodable,
        untrusted or not cleared is nobody's event, and letting it hold a key would let anyone who can
        write the topic stop that key's genuine events.
        """
        if self._before_send is not None and of_valid_event:
            await self._before_send(record)
        try:
            await send_to_dead_letter(
                self._producer,
                record,
                reason=reason,
                code=code,
                group=self._group,
                attempts=attempts,
                deadline=deadline,
            )
        except Exception as exc:
            self._refusals += 1
            log.warning("dead letter not accepted", extra={"error": type(exc).__name__})
            pause = self._backoff.delay(self._refusals)
            await asyncio.sleep(max(0.0, min(pause, deadline - asyncio.get_running_loop().time())))
            raise
        self._refusals = 0
        self._metrics.dead_lettered.labels(self._group, record.topic, code).inc()
        if self._after_send is not None:
            await self._after_send(record, code)
        log.warning(
            "event dead-lettered", extra={"group": self._group, "code": code, "offset": record.offset}
        )
