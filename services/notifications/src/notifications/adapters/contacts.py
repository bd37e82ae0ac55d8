"""SQL for learners' contacts; erasure deletes them and keeps only the erased pseudonymous id."""

from datetime import datetime
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.contacts import Channel, LearnerContacts

_UPSERT = (
    "INSERT INTO learner_contacts (learner_id, email, phone, language, consent, changed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (learner_id) DO UPDATE SET "
    "(email, phone, language, consent, changed_at) = "
    "(EXCLUDED.email, EXCLUDED.phone, EXCLUDED.language, EXCLUDED.consent, EXCLUDED.changed_at)"
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
            "SELECT email, phone, language, consent, changed_at FROM learner_contacts WHERE learner_id = $1",
            learner_id,
        )
        if row is None:
            return None
        consent = frozenset(Channel(c) for c in row["consent"])
        return LearnerContacts(
            learner_id, row["email"], row["phone"], row["language"], consent, row["changed_at"]
        )

    async def hold(self, learner_id: UUID) -> None:
        """Take the learner's transaction-scoped advisory lock (released on commit or rollback)."""
        await self._conn.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", _LOCKS, str(learner_id))

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
