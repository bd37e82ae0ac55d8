"""SQL for deliveries: the "to send" table the sender loop claims from, and each delivery's outcome."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.contacts import Channel
from notifications.domain.delivery import Delivery, DeliveryStatus

_COLUMNS = "id, message_id, learner_id, channel, kind, status, attempts, next_attempt_at, reason"
_ADD_ALL = (
    f"INSERT INTO deliveries ({_COLUMNS}) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[],"
    " $4::text[], $5::text[], $6::text[], $7::integer[], $8::timestamptz[], $9::text[])"
    " ON CONFLICT (message_id, channel) DO NOTHING"
)
# The outcomes of a batch in one statement; attempts too (a wait for quiet hours gives back the claim's).
_SAVE_ALL = (
    "UPDATE deliveries AS d SET status = u.status, next_attempt_at = u.next_attempt_at, reason = u.reason,"
    " attempts = u.attempts FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::integer[])"
    " AS u(id, status, next_attempt_at, reason, attempts) WHERE d.id = u.id"
)
# SKIP LOCKED: several sender loops (instances) claim disjoint rows; the lease makes a crashed send due again.
_CLAIM = f"""
UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = $2
WHERE id IN (
    SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1
    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
)
RETURNING {_COLUMNS}
"""


class SqlDeliveries(Repository):
    """Deliveries in the notifications database."""

    async def add(self, d: Delivery) -> None:
        """Insert a delivery (a second one for the same message and channel is ignored)."""
        await self._conn.execute(
            f"INSERT INTO deliveries ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "ON CONFLICT (message_id, channel) DO NOTHING",
            *_values(d),
        )

    async def add_all(self, deliveries: Sequence[Delivery]) -> None:
        """Insert the deliveries in one statement (one already there for its message and channel is kept)."""
        if deliveries:
            columns = [list(c) for c in zip(*map(_values, deliveries), strict=True)]
            await self._conn.execute(_ADD_ALL, *columns)

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Delivery]:
        """Take up to `limit` due deliveries, counting the attempt and leasing them until `now + lease`."""
        rows = await self._conn.fetch(_CLAIM, now, now + lease, limit)
        return [_delivery(r) for r in rows]

    async def get(self, delivery_id: UUID) -> Delivery | None:
        """The delivery, locked for update (receipts of one delivery apply one after the other), or None."""
        row = await self._conn.fetchrow(
            f"SELECT {_COLUMNS} FROM deliveries WHERE id = $1 FOR UPDATE", delivery_id
        )
        return None if row is None else _delivery(row)

    async def of_message(self, message_id: UUID, channel: Channel) -> Delivery | None:
        """The message's delivery on the channel, locked for update, or None."""
        row = await self._conn.fetchrow(
            f"SELECT {_COLUMNS} FROM deliveries WHERE message_id = $1 AND channel = $2 FOR UPDATE",
            message_id,
            channel.value,
        )
        return None if row is None else _delivery(row)

    async def save(self, d: Delivery) -> None:
        """Store the outcome of an attempt; the delivery's new events go to the outbox on commit."""
        await self._conn.execute(
            # attempts too: a wait for quiet hours gives back the attempt its claim counted
            "UPDATE deliveries SET status = $2, next_attempt_at = $3, reason = $4, attempts = $5"
            " WHERE id = $1",
            d.id,
            d.status.value,
            d.next_attempt_at,
            d.reason,
            d.attempts,
        )
        self._seen(d)

    async def save_all(self, deliveries: Sequence[Delivery]) -> None:
        """Store the outcomes of a batch in one statement, run at commit together with the outbox rows of
        their new events (one round trip for both)."""
        if not deliveries:
            return
        rows = [(d.id, d.status.value, d.next_attempt_at, d.reason, d.attempts) for d in deliveries]
        self._uow.later(_SAVE_ALL, *(list(c) for c in zip(*rows, strict=True)))
        for d in deliveries:
            self._seen(d)


def _values(d: Delivery) -> tuple[Any, ...]:
    return (
        d.id,
        d.message_id,
        d.learner_id,
        d.channel.value,
        d.kind,
        d.status.value,
        d.attempts,
        d.next_attempt_at,
        d.reason,
    )


def _delivery(row: Any) -> Delivery:
    values = dict(row)
    values["channel"], values["status"] = Channel(row["channel"]), DeliveryStatus(row["status"])
    return Delivery(**values)
