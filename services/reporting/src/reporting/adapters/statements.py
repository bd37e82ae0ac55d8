"""SQL for the stored xAPI statements, and their learning activity announced through the outbox."""

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.events.city import LearningActivityRecordedV1
from servicekit.db import Repository

from reporting.domain.xapi import NewStatement, ReportedActivity, reported_activity, said, stored_text

# A statement's transaction and a registration's lock the learner (shared / exclusive) before they look at
# each other's rows, so a statement stored while its learner registers is either seen known or matched.
_LOCK = (
    "SELECT {fn}(k) FROM (SELECT DISTINCT hashtextextended(l::text, 0) AS k"
    " FROM unnest($1::uuid[]) AS l ORDER BY k) AS keys"
)


class SqlStatements(Repository):
    """xAPI statements as sent, by id."""

    async def hashes_of(self, statement_ids: Sequence[UUID]) -> dict[UUID, str]:
        """The content hashes of those stored; locks them until the transaction ends."""
        rows = await self._conn.fetch(
            "SELECT id, content_hash FROM xapi_statements WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE",
            list(statement_ids),
        )
        return {row["id"]: row["content_hash"] for row in rows}

    async def known_learners(self, learners: Iterable[UUID]) -> set[UUID]:
        """Those of `learners` reporting knows (registered, not erased); holds them until commit."""
        ids = sorted(set(learners))
        if not ids:
            return set()
        await self._conn.execute(_LOCK.format(fn="pg_advisory_xact_lock_shared"), ids)
        rows = await self._conn.fetch(
            "SELECT learner_id FROM learner_dimensions WHERE learner_id = ANY($1::uuid[]) AND NOT erased", ids
        )
        return {row["learner_id"] for row in rows}

    async def add(self, client: str, statements: Sequence[NewStatement], at: datetime) -> set[UUID]:
        """Store the statements in one round trip; the ids inserted (one stored meanwhile is left)."""
        when = at.isoformat()
        rows = await self._conn.fetch(
            "INSERT INTO xapi_statements (id, client, content_hash, body, stored, waiting_learner)"
            " SELECT id, $1, h, b::jsonb, $2, w FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[])"
            " AS s(id, h, b, w) ON CONFLICT (id) DO NOTHING RETURNING id",
            client,
            at,
            [s.id for s in statements],
            [s.digest for s in statements],
            [stored_text(s.body, s.said or said(s.body), when) for s in statements],
            [s.waiting_for for s in statements],
        )
        return {row["id"] for row in rows}

    def announce(self, activities: Iterable[ReportedActivity]) -> None:
        """Learning activity of known learners, to the outbox in this transaction (recorded together: the
        trace context is read once for the batch, not once a statement)."""
        self._uow.record(
            *(
                LearningActivityRecordedV1(
                    learner_id=activity.learner_id,
                    offering_id=activity.offering_id,
                    activity_id=activity.activity_id,
                    progress_percent=activity.progress,
                    occurred_at=activity.occurred_at,
                )
                for activity in activities
            )
        )

    async def match_learners(self, learners: Sequence[UUID]) -> int:
        """Announce the statements waiting for these learners, now known; each once. How many."""
        ids = sorted(set(learners))
        await self._conn.execute(_LOCK.format(fn="pg_advisory_xact_lock"), ids)
        rows = await self._conn.fetch(
            "UPDATE xapi_statements s SET waiting_learner = NULL FROM learner_dimensions d"
            " WHERE s.waiting_learner = ANY($1::uuid[]) AND d.learner_id = s.waiting_learner AND NOT d.erased"
            " RETURNING s.body, s.stored",
            ids,
        )
        self.announce(a for row in rows if (a := reported_activity(json.loads(row["body"]), row["stored"])))
        return len(rows)

    async def get(self, statement_id: UUID, client: str | None) -> dict[str, Any] | None:
        """One statement; with `client`, only if that client sent it."""
        body = await self._conn.fetchval(
            "SELECT body FROM xapi_statements WHERE id = $1 AND ($2::text IS NULL OR client = $2)",
            statement_id,
            client,
        )
        return json.loads(body) if body is not None else None
