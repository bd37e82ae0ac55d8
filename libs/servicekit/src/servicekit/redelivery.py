"""What the engine sorts records into (a delivery, a rejection), and where the subscriber resumes."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import TopicPartition
from contracts.envelope import Envelope
from contracts.event import EventModel


@dataclass(frozen=True)
class Delivery:
    """A record that decoded into an event this consumer handles."""

    record: Any  # aiokafka.ConsumerRecord
    envelope: Envelope
    event: EventModel


@dataclass(frozen=True)
class Rejection:
    """A record that must go to the DLQ as it is."""

    reason: str
    code: str


class Redeliver(Exception):
    """Records from `resume_at` (per partition) on are not finished and must be polled again."""

    def __init__(self, resume_at: dict[TopicPartition, int]) -> None:
        super().__init__(f"redeliver from {resume_at}")
        self.resume_at = resume_at


def first_offsets(records: Sequence[Any]) -> dict[TopicPartition, int]:
    """Per partition, the lowest offset among `records` (aiokafka ConsumerRecords)."""
    first: dict[TopicPartition, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        first[tp] = min(first.get(tp, r.offset), r.offset)
    return first
