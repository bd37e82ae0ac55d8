"""SQL for the messages recorded for learners."""

from uuid import UUID

from servicekit.db import Repository

from notifications.domain.message import Message

_COLUMNS = "id, learner_id, template, body_vi, body_en, created_at, source_event_id"


class SqlMessages(Repository):
    """Messages in the notifications database."""

    async def add(self, m: Message) -> None:
        """Insert a message."""
        await self._conn.execute(
            f"INSERT INTO messages ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            m.id,
            m.learner_id,
            m.template,
            m.body_vi,
            m.body_en,
            m.created_at,
            m.source_event_id,
        )

    async def for_learner(self, learner_id: UUID, limit: int, offset: int) -> list[Message]:
        """One page of a learner's messages, newest first (id breaks ties, so pages never overlap)."""
        rows = await self._conn.fetch(
            f"SELECT {_COLUMNS} FROM messages WHERE learner_id = $1"
            " ORDER BY created_at DESC, id LIMIT $2 OFFSET $3",
            learner_id,
            limit,
            offset,
        )
        return [Message(**dict(r)) for r in rows]

    async def forget(self, learner_id: UUID) -> None:
        """Delete every message of the learner (their bodies may quote personal data)."""
        await self._conn.execute("DELETE FROM messages WHERE learner_id = $1", learner_id)
