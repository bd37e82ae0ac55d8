"""Per-key-strict ordering: while a key has a dead letter, its later records wait in the DLQ behind it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from servicekit.db import UnitOfWork
from servicekit.deadletter import H_REDRIVE_GROUP

# On a release marker the DLQ tool sends after a redrive (same key, so after the redriven records): the
# origin offset of the first redriven record. A letter of the key at or after it means: keep holding.
H_RELEASE_FROM = "dlq_release_from_offset"
HELD_CODE, HELD_REASON = "held_behind_dead_letter", "an earlier event of its key is dead-lettered"

_HOLD = """
INSERT INTO held_keys (consumer, topic, message_key, last_offset) VALUES ($1, $2, $3, $4)
ON CONFLICT (consumer, topic, message_key)
DO UPDATE SET last_offset = GREATEST(held_keys.last_offset, EXCLUDED.last_offset)
"""
_HELD_AMONG = """
SELECT topic, message_key FROM held_keys WHERE consumer = $1 AND message_key = ANY($2::bytea[])
"""
_RELEASE = """
DELETE FROM held_keys WHERE consumer = $1 AND topic = $2 AND message_key = $3 AND last_offset < $4
"""


@dataclass(frozen=True)
class Release:
    """A release marker: the key's dead letters from `from_offset` on were redriven."""

    from_offset: int


def release_marker(record: Any) -> Release | None:
    """The release marker a record is, if it is one (aiokafka ConsumerRecord)."""
    raw = next((v for k, v in record.headers if k == H_RELEASE_FROM), None)
    return None if raw is None else Release(int(raw))


def is_redriven(record: Any) -> bool:
    """A record the DLQ tool republished (it replays in order; it is never held)."""
    return any(k == H_REDRIVE_GROUP for k, _ in record.headers)


class KeyHolds:
    """The held keys of one consumer group, in the service's own database.

    `load` reads which keys of a polled batch are held in one query; `is_held` then answers from that set,
    which `hold` and `release` keep current (the group's partitions have one owner at a time, and only
    this consumer writes its holds).
    """

    def __init__(self, group: str, uow: Callable[[], UnitOfWork]) -> None:
        self._group, self._uow = group, uow
        self._held: set[tuple[str, bytes]] = set()

    async def load(self, records: Sequence[Any]) -> None:
        """Read the held keys among a polled batch's records (one query, not one per record)."""
        keys = list({r.key for r in records if r.key is not None})
        if not keys:
            self._held = set()
            return
        async with self._uow() as uow:
            rows = await uow.connection.fetch(_HELD_AMONG, self._group, keys)
        self._held = {(row["topic"], bytes(row["message_key"])) for row in rows}

    def is_held(self, record: Any) -> bool:
        """True when a live record's key has a dead letter (records without a key are never held)."""
        if record.key is None or is_redriven(record):
            return False
        return (record.topic, record.key) in self._held

    async def hold(self, record: Any) -> None:
        """The record is about to be dead-lettered: hold its key (before the send, so a crash between
        the two leaves a hold and a redelivery, never a letter without a hold)."""
        if record.key is not None:
            async with self._uow() as uow:
                await uow.connection.execute(_HOLD, *self._where(record), record.offset)
            self._held.add((record.topic, record.key))

    async def release(self, record: Any, marker: Release) -> None:
        """Release the key unless one of its records was dead-lettered during the redrive."""
        async with self._uow() as uow:
            status = await uow.connection.execute(_RELEASE, *self._where(record), marker.from_offset)
        if status != "DELETE 0":
            self._held.discard((record.topic, record.key))

    def _where(self, record: Any) -> tuple[str, str, bytes]:
        return self._group, record.topic, record.key
