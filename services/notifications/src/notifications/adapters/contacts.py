"""SQL for learners' contacts; erasure deletes them and keeps only the erased pseudonymous id."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.contacts import Channel, LearnerContacts

_UPSERT = (
    "INSERT INTO learner_contacts (learner_id, email, phone, language, consent, changed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (learner_id) DO UPDATE SET "
    "(email, phone, language, consent, changed_at) = "
    "(EXCLUDED.email, EXCLUDED.phone, EXCLUDED.language, EXCLUDED.consent, EXCLUDED.changed_at)"
)

_FIELDS = "email, phone, language, consent, changed_at"
# Locks taken one row after the other in key order (a subquery's ORDER BY is kept by the outer scan).
_HOLD_ALL = (
    "SELECT count(pg_advisory_xact_lock($1, k)) FROM"
    " (SELECT hashtext(l) AS k FROM unnest($2::text[]) AS l ORDER BY 1) AS keys"
)
# The advisory locks' first key: this table's own space (the second is the learner id's hash).
_LOCKS = 11


class SqlContacts(Repository):
    """Learners' contacts in the notifications database."""

    async def save(self, c: LearnerContacts) -> None:
        """Insert or replace the learner's contacts."""
        consent = sorted(c.consent)
        await self._conn.execute(_UPSERT, c.learner_id, c.email, c.phone, c.language, consent, c.changed_at)

    async def get(self, learner_id: UUID) -> LearnerContacts | None:
        """The learner's contacts, or None."""
        row = await self._conn.fetchrow(
            f"SELECT {_FIELDS} FROM learner_contacts WHERE learner_id = $1", learner_id
        )
        return None if row is None else _contacts(learner_id, row)

    async def hold(self, learner_id: UUID) -> None:
        """Take the learner's transaction-scoped advisory lock (released on commit or rollback)."""
        await self._conn.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", _LOCKS, str(learner_id))

    async def hold_all(self, learner_ids: Iterable[UUID]) -> None:
        """`hold` each learner, in one statement, in the order of the locks' keys: two transactions that
        hold several learners always take their locks in the same order, so they never deadlock."""
        if keys := sorted({str(i) for i in learner_ids}):
            await self._conn.execute(_HOLD_ALL, _LOCKS, keys)

    async def of_all(self, learner_ids: Iterable[UUID]) -> dict[UUID, LearnerContacts]:
        """The contacts of those learners who have some, by learner."""
        rows = await self._conn.fetch(
            f"SELECT learner_id, {_FIELDS} FROM learner_contacts WHERE learner_id = ANY($1::uuid[])",
            list(set(learner_ids)),
        )
        return {r["learner_id"]: _contacts(r["learner_id"], r) for r in rows}

    async def is_erased(self, learner_id: UUID) -> bool:
        """True once the learner was erased."""
        found = await self._conn.fetchval("SELECT 1 FROM erased_learners WHERE learner_id = $1", learner_id)
        return found is not None

    async def forget(self, learner_id: UUID, erased_at: datetime) -> None:
        """Delete the contacts and remember the pseudonymous id as erased."""
        await self._conn.execute("DELETE FROM learner_contacts WHERE learner_id = $1", learner_id)
        await self._conn.execute(
            "INSERT INTO erased_learners (learner_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            learner_id,
            erased_at,
        )


def _contacts(learner_id: UUID, row: Any) -> LearnerContacts:
    consent = frozenset(Channel(c) for c in row["consent"])
    return LearnerContacts(
        learner_id, row["email"], row["phone"], row["language"], consent, row["changed_at"]
    )
