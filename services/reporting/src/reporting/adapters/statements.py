"""SQL for the stored xAPI statements."""

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.events.city import LearningActivityRecordedV1
from servicekit.db import Repository

from reporting.domain.xapi import reported_activity


class SqlStatements(Repository):
    """xAPI statements as sent, by id."""

    async def hash_of(self, statement_id: UUID) -> str | None:
        """The content hash of a stored statement, or None; locks the id until the transaction ends."""
        found: str | None = await self._conn.fetchval(
            "SELECT content_hash FROM xapi_statements WHERE id = $1 FOR UPDATE", statement_id
        )
        return found

    async def add(
        self, statement_id: UUID, client: str, digest: str, body: dict[str, Any], at: datetime
    ) -> None:
        """Store one statement and, for a platform learner on an offering, announce the activity (outbox)."""
        stored = {**body, "stored": at.isoformat()}
        inserted = await self._conn.fetchval(
            "INSERT INTO xapi_statements (id, client, content_hash, body, stored) VALUES ($1, $2, $3, $4, $5)"
            " ON CONFLICT (id) DO NOTHING RETURNING id",
            *(statement_id, client, digest, json.dumps(stored), at),
        )
        activity = reported_activity(body, at) if inserted else None
        if activity is not None:
            self._uow.record(
                LearningActivityRecordedV1(
                    learner_id=activity.learner_id,
                    offering_id=activity.offering_id,
                    activity_id=activity.activity_id,
                    progress_percent=activity.progress,
                    occurred_at=activity.occurred_at,
                )
            )

    async def get(self, statement_id: UUID, client: str | None) -> dict[str, Any] | None:
        """One statement; with `client`, only if that client sent it."""
        body = await self._conn.fetchval(
            "SELECT body FROM xapi_statements WHERE id = $1 AND ($2::text IS NULL OR client = $2)",
            statement_id,
            client,
        )
        return json.loads(body) if body is not None else None
