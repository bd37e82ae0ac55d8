"""What a Kafka topic of the platform is: its settings, the events on it and how erasure reaches it."""

from dataclasses import dataclass
from enum import StrEnum

FOREVER = -1
"""``retention.ms`` for domain topics: events are kept so reporting projections can be rebuilt by replay."""
DEAD_LETTER_RETENTION_MS = 30 * 24 * 60 * 60 * 1000
"""Dead letters are kept 30 days: long enough to inspect and replay, short enough not to hoard data."""
DEAD_LETTER_SUFFIX = ".dlq"
COMPACTION_LAG_MS = 7 * 24 * 60 * 60 * 1000
"""``max.compaction.lag.ms`` of compacted topics: a superseded record is gone from the log within 7 days."""


class Erasure(StrEnum):
    """How a learner's personal data leaves a topic when the learner asks to be erased."""

    NOT_PERSONAL = "not-personal"
    """No personal data on the topic."""
    PSEUDONYM_SHREDDING = "pseudonym-shredding"
    """Events carry only a random pseudonymous learner id; erasure deletes the services' rows that link it
    to a person, after which the history kept for replay is no longer about anyone identifiable."""
    EXPIRY = "expiry"
    """Records expire with the topic's retention (dead letters: 30 days)."""
    COMPACTION = "compaction"
    """Keyed by learner id and compacted: only a learner's latest record stays, and erasure writes a
    record without personal data under the same key, so the earlier ones leave the log within
    ``max.compaction.lag.ms``."""


@dataclass(frozen=True)
class Topic:
    """A Kafka topic and the event types (full ``ce_type`` values) that may appear on it."""

    name: str
    partitions: int
    retention_ms: int
    description: str
    event_types: tuple[str, ...]
    erasure: Erasure = Erasure.NOT_PERSONAL
    compacted: bool = False

    def kafka_config(self) -> dict[str, str]:
        """The topic-level Kafka settings the contract fixes (cleanup policy, retention, compaction lag)."""
        config = {"cleanup.policy": "delete", "retention.ms": str(self.retention_ms)}
        if self.compacted:  # retention.ms does not apply to a compact-only topic
            config |= {"cleanup.policy": "compact", "max.compaction.lag.ms": str(COMPACTION_LAG_MS)}
        return config

    @property
    def dead_letter(self) -> str:
        """Name of the topic that receives this topic's messages a consumer could not process."""
        return f"{self.name}{DEAD_LETTER_SUFFIX}"

    @property
    def is_dead_letter(self) -> bool:
        """True for a dead-letter topic."""
        return self.name.endswith(DEAD_LETTER_SUFFIX)

    def dead_letter_topic(self) -> "Topic":
        """The dead-letter topic to declare alongside this one (same partitions, 30 days retention)."""
        return Topic(
            name=self.dead_letter,
            partitions=self.partitions,
            retention_ms=DEAD_LETTER_RETENTION_MS,
            description=(
                f"Dead letters of {self.name}: messages a consumer could not process, kept unchanged "
                "(headers, key, value) for inspection and replay."
            ),
            event_types=self.event_types,
            erasure=Erasure.NOT_PERSONAL if self.erasure is Erasure.NOT_PERSONAL else Erasure.EXPIRY,
        )
