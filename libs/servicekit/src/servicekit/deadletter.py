"""Dead-letter topics: send a failed record there with the reason, list them, redrive them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaProducer, ConsumerRecord

DLQ_SUFFIX = ".dlq"
H_REASON, H_CODE, H_GROUP, H_ATTEMPTS = "dlq_reason", "dlq_code", "dlq_consumer_group", "dlq_attempts"
H_TOPIC, H_PARTITION, H_OFFSET, H_FAILED_AT = (
    "dlq_original_topic",
    "dlq_original_partition",
    "dlq_original_offset",
    "dlq_failed_at",
)


def dead_letter_topic(topic: str) -> str:
    """The DLQ of a (physical) topic."""
    return topic + DLQ_SUFFIX


def strip_dlq_headers(headers: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The original headers of a dead-lettered record."""
    return [(k, v) for k, v in headers if not k.startswith("dlq_")]


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
) -> None:
    """Publish the record unchanged (same key and value) to its topic's DLQ and wait for the ack."""
    await producer.send_and_wait(
        dead_letter_topic(record.topic),
        value=record.value,
        key=record.key,
        headers=dead_letter_headers(record, reason=reason, code=code, group=group, attempts=attempts),
    )


@dataclass(frozen=True)
class DeadLetter:
    """A record read back from a DLQ."""

    offset: int
    partition: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]

    def header(self, name: str) -> str | None:
        """A header's value as text."""
        return next((v.decode() for k, v in self.headers if k == name), None)

    @property
    def event_id(self) -> str | None:
        """The CloudEvents id, when the record had one."""
        return self.header("ce_id")

    @property
    def origin(self) -> str:
        """The topic it came from."""
        return self.header(H_TOPIC) or ""
