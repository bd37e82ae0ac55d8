"""SQL for the messages recorded for learners (their in-app inbox)."""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.message import Message

_COLUMNS = "id, learner_id, template, body_vi, body_en, created_at, source_event_id, read_at, variables"
# DO NOTHING also skips a second row of the same event within the statement (DO UPDATE would fail on it).
_ADD_ALL = (
    f"INSERT INTO messages ({_COLUMNS}) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[],"
    " $5::text[], $6::timestamptz[], $7::text[], $8::timestamptz[], $9::jsonb[])"
    " ON CONFLICT (source_event_id, learner_id, template) DO NOTHING RETURNING id"
)


class SqlMessages(Repository):
    """Messages in the notifications database."""

    async def add(self, m: Message) -> bool:
        """Insert a message; False (nothing inserted) if this event already made this kind for the learner."""
        status = await self._conn.execute(
            f"INSERT INTO messages ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) "
            "ON CONFLICT (source_event_id, learner_id, template) DO NOTHING",
            m.id,
            m.learner_id,
            m.template,
            m.body_vi,
            m.body_en,
            m.created_at,
            m.source_event_id,
            m.read_at,
            json.dumps(m.variables),
        )
        return bool(status == "INSERT 0 1")

    async def add_all(self, messages: Sequence[Message]) -> set[UUID]:
        """Insert the messages in one statement; the ids of those inserted (their event made no other)."""
        if not messages:
            return set()
        rows = await self._conn.fetch(_ADD_ALL, *_columns(messages))
        return {r["id"] for r in rows}

    async def get(self, message_id: UUID) -> Message | None:
        """The message, or None (e.g. deleted on erasure)."""
        row = await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM messages WHERE id = $1", message_id)
        return None if row is None else _message(row)

    async def for_learner(
        self, learner_id: UUID, limit: int, after: tuple[datetime, UUID] | None = None
    ) -> list[Message]:
        """One page of a learner's messages, newest first, after the keyset cursor (created_at, id)."""
        newest_first = " ORDER BY created_at DESC, id DESC LIMIT $2"
        select = f"SELECT {_COLUMNS} FROM messages WHERE learner_id = $1"
        if after is None:
            rows = await self._conn.fetch(select + newest_first, learner_id, limit)
        else:
            older = " AND (created_at, id) < ($3, $4)"
            rows = await self._conn.fetch(select + older + newest_first, learner_id, limit, *after)
        return [_message(r) for r in rows]

    async def since(self, learner_id: UUID, since: datetime) -> list[Message]:
        """The learner's messages recorded at or after `since`, oldest first (messages_by_learner)."""
        rows = await self._conn.fetch(
            f"SELECT {_COLUMNS} FROM messages WHERE learner_id = $1 AND created_at >= $2 ORDER BY created_at",
            learner_id,
            since,
        )
        return [_message(r) for r in rows]

    async def unread(self, learner_id: UUID) -> int:
        """How many of the learner's messages are unread."""
        query = "SELECT count(*) FROM messages WHERE learner_id = $1 AND read_at IS NULL"
        return int(await self._conn.fetchval(query, learner_id))

    async def mark_read(self, learner_id: UUID, message_id: UUID, now: datetime) -> bool:
        """Mark the learner's own message read (first time only); False if they have no such message."""
        found = await self._conn.fetchval(
            "UPDATE messages SET read_at = coalesce(read_at, $3)"
            " WHERE id = $2 AND learner_id = $1 RETURNING 1",
            learner_id,
            message_id,
            now,
        )
        return found is not None

    async def forget(self, learner_id: UUID) -> None:
        """Delete every message of the learner (their bodies may quote personal data); deliveries go too."""
        await self._conn.execute("DELETE FROM messages WHERE learner_id = $1", learner_id)


def _columns(messages: Sequence[Message]) -> list[list[Any]]:
    """The messages column by column, as `unnest` takes them."""
    rows = [
        (m.id, m.learner_id, m.template, m.body_vi, m.body_en, m.created_at, m.source_event_id, m.read_at, v)
        for m, v in zip(messages, (json.dumps(m.variables) for m in messages), strict=True)
    ]
    return [list(column) for column in zip(*rows, strict=True)]


def _message(row: Any) -> Message:
    return Message(**{**dict(row), "variables": json.loads(row["variables"])})
