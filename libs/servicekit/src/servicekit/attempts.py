"""What the engine remembers across redeliveries, so retries stay within the poll budget and still end."""

from collections.abc import Iterable
from typing import Any

Key = tuple[str, int, int]  # topic, partition, offset

_MOST_REMEMBERED = 100_000  # records of partitions revoked meanwhile are never finished here


class BudgetSpent(Exception):
    """The poll budget ran out before the event was handled or out of attempts."""

    def __init__(self, attempts_made: int) -> None:
        super().__init__(f"poll budget spent after {attempts_made} attempts")
        self.attempts_made = attempts_made


def key_of(record: Any) -> Key:
    """Where a record (aiokafka ConsumerRecord) is: its identity across redeliveries."""
    return record.topic, record.partition, record.offset


class AttemptLedger:
    """Attempts made per record, and records whose batch failed (replayed one by one from then on).

    In memory: after a rebalance the new owner starts the count again, which delays a dead letter but
    never loses an event.
    """

    def __init__(self) -> None:
        self._made: dict[Key, int] = {}
        self._alone: set[Key] = set()

    def made(self, record: Any) -> int:
        """Attempts already made on this record in earlier polls."""
        return self._made.get(key_of(record), 0)

    def spent(self, record: Any, attempts_made: int) -> None:
        """The poll ended after `attempts_made` attempts on this record: resume the count next poll."""
        self._bound()
        self._made[key_of(record)] = attempts_made

    def replay_alone(self, records: Iterable[Any]) -> None:
        """Their batch failed: handle them one by one, even when redelivered together."""
        self._bound()
        self._alone.update(key_of(r) for r in records)

    def any_alone(self, records: Iterable[Any]) -> bool:
        """True when some of these records belonged to a batch that failed."""
        return any(key_of(r) in self._alone for r in records)

    def forget(self, record: Any) -> None:
        """The record is finished (handled or dead-lettered), or its failure was not its own."""
        self._made.pop(key_of(record), None)
        self._alone.discard(key_of(record))

    def _bound(self) -> None:
        if len(self._made) + len(self._alone) > _MOST_REMEMBERED:
            self._made.clear()
            self._alone.clear()
