"""Poison for every consumed topic (bad JSON, an unknown major version, no headers), and the dead letters
read back: each poison dead-lettered exactly once by each group that reads its topic, and nothing else."""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from content.bootstrap import SPEC as CONTENT
from contracts.classification import regulation_for
from contracts.envelope import Envelope
from contracts.registry import resolve
from contracts.rights import principal, rights_for
from contracts.topics import topic
from enrolment.bootstrap import SPEC as ENROLMENT
from notifications.bootstrap import SPEC as NOTIFICATIONS
from reporting.bootstrap import SPEC as REPORTING
from servicekit.deadletter import H_OFFSET, H_PARTITION, H_TOPIC
from servicekit.dlqtool import read_dead_letters
from servicekit.ports import Dependencies

Origin = tuple[str, int, int]  # topic, partition, offset


def consumer_groups() -> dict[str, set[str]]:
    """Topic -> the consumer groups that read it, from the services' own consumer declarations."""
    groups: dict[str, set[str]] = {}
    for spec in (CONTENT, ENROLMENT, NOTIFICATIONS, REPORTING):
        for consumer in spec.consumers(Dependencies()):
            for name in consumer.topics:
                groups.setdefault(name, set()).add(consumer.group)
    return groups


@dataclass
class Poisoned:
    """Where each poison landed, and which groups must dead-letter it."""

    sent: dict[Origin, set[str]] = field(default_factory=dict)

    @property
    def expected_letters(self) -> int:
        return sum(len(groups) for groups in self.sent.values())


def _headers(name: str, major: str | None) -> list[tuple[str, bytes]]:
    """Valid CloudEvents headers of the topic's first event type (its major replaced when given)."""
    ce_type = topic(name).event_types[0]
    model = resolve(ce_type)
    if major is not None:
        ce_type = ce_type.rsplit(".", 1)[0] + "." + major
    envelope = Envelope(
        id=str(uuid.uuid4()),
        source=principal(rights_for(name).producer).source,
        type=ce_type,
        time=datetime.now(UTC),
        subject=str(uuid.uuid4()),
        dataclassification=model.classification,
        dataregulation=regulation_for(model.category),
        datacategory=model.category,
    )
    return envelope.to_headers()


def _poisons(name: str) -> list[tuple[bytes, list[tuple[str, bytes]]]]:
    return [
        (b'{"not json', _headers(name, None)),
        (b"{}", _headers(name, "v99")),  # a major version nobody knows
        (b"{}", []),  # no CloudEvents headers at all
    ]


async def inject(kafka: str, poisoned: Poisoned) -> int:
    """Three poisons into every consumed topic, each under a fresh key (so no real aggregate is held)."""
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", enable_idempotence=True)
    await producer.start()
    sent = 0
    try:
        for name, groups in sorted(consumer_groups().items()):
            for value, headers in _poisons(name):
                key = str(uuid.uuid4()).encode()
                meta = await producer.send_and_wait(name, value, key=key, headers=headers)
                poisoned.sent[(name, meta.partition, meta.offset)] = set(groups)
                sent += 1
    finally:
        await producer.stop()
    return sent


async def dead_letters(kafka: str) -> Counter[tuple[Origin, str]]:
    """Every dead letter of every consumed topic's DLQ (the kit's DLQ reader), counted by (origin, group)."""
    letters: Counter[tuple[Origin, str]] = Counter()
    for name in consumer_groups():
        for letter in await read_dead_letters(kafka, name):
            origin = (
                letter.header(H_TOPIC) or "?",
                int(letter.header(H_PARTITION) or -1),
                int(letter.header(H_OFFSET) or -1),
            )
            letters[(origin, letter.group or "?")] += 1
    return letters


def compare(poisoned: Poisoned, letters: Counter[tuple[Origin, str]]) -> tuple[int, int]:
    """(missing, extra): poison a group did not dead-letter; letters not poison (or a copy)."""
    expected = {(origin, g) for origin, groups in poisoned.sent.items() for g in groups}
    missing = len(expected - set(letters))
    extra = sum(n if key not in expected else n - 1 for key, n in letters.items())
    return missing, extra
