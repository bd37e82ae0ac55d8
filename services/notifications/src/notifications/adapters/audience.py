"""SQL for the campaigns' audience: learners' non-identifying dimensions, and segment queries over them."""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.audience import AudienceMember
from notifications.domain.campaign import Segment

_DIMENSIONS = "sex, age_band, locality_code, ethnic_minority, support_categories, learner_type, changed_at"
_UPSERT = (
    # a confirmation may arrive before the learner's registration (another topic): its message tells
    f"INSERT INTO audience (learner_id, {_DIMENSIONS}, enrolled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
    " EXISTS (SELECT 1 FROM messages WHERE learner_id = $1 AND template = 'enrolment-confirmed'))"
    f" ON CONFLICT (learner_id) DO UPDATE SET ({_DIMENSIONS}) = "
    f"({', '.join('EXCLUDED.' + c.strip() for c in _DIMENSIONS.split(','))})"
    " WHERE audience.changed_at <= EXCLUDED.changed_at"  # a late, older record never wins
)
_MATCHES = (
    "($1::text[] = '{}' OR locality_code = ANY($1)) AND ($2::text[] = '{}' OR sex = ANY($2))"
    " AND ($3::text[] = '{}' OR age_band = ANY($3)) AND ($4::boolean IS NULL OR ethnic_minority = $4)"
    " AND ($5::text[] = '{}' OR support_categories && $5) AND ($6::text[] = '{}' OR learner_type = ANY($6))"
    " AND (NOT $7 OR NOT enrolled) AND ($8::text[] = '{}' OR EXISTS (SELECT 1 FROM interests i"
    " JOIN offerings o USING (offering_id) WHERE i.learner_id = audience.learner_id AND o.theme = ANY($8)))"
)
_BATCH = (
    f"SELECT learner_id FROM audience WHERE {_MATCHES} AND ($9::uuid IS NULL OR learner_id > $9)"
    " ORDER BY learner_id LIMIT $10"
)


def _criteria(s: Segment) -> tuple[Any, ...]:
    lists = [list(x) for x in (s.localities, s.sexes, s.age_bands)]
    kinds = (list(s.support_categories), list(s.learner_types), s.not_yet_enrolled, list(s.interest_domains))
    return (*lists, s.ethnic_minority, *kinds)


class SqlAudience(Repository):
    """The audience read model in the notifications database."""

    async def save(self, m: AudienceMember) -> None:
        """Insert or update a learner's dimensions (unless what is stored is newer)."""
        dims = (m.sex, m.age_band, m.locality_code, m.ethnic_minority, sorted(m.support_categories))
        await self._conn.execute(_UPSERT, m.learner_id, *dims, m.learner_type, m.changed_at)

    async def enrolled(self, learner_id: UUID) -> None:
        """Remember the learner enrolled at least once (for the not-yet-enrolled criterion)."""
        await self._conn.execute("UPDATE audience SET enrolled = true WHERE learner_id = $1", learner_id)

    async def enrolled_all(self, learner_ids: Iterable[UUID]) -> None:
        """`enrolled` for each of these learners, in one statement."""
        if ids := sorted(set(learner_ids)):
            await self._conn.execute(
                "UPDATE audience SET enrolled = true WHERE learner_id = ANY($1::uuid[]) AND NOT enrolled", ids
            )

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's row (erasure)."""
        await self._conn.execute("DELETE FROM audience WHERE learner_id = $1", learner_id)

    async def count(self, segment: Segment) -> int:
        """How many learners the segment matches now."""
        query = f"SELECT count(*) FROM audience WHERE {_MATCHES}"
        return int(await self._conn.fetchval(query, *_criteria(segment)))

    async def next_batch(self, segment: Segment, after: UUID | None, limit: int) -> list[UUID]:
        """The segment's next learners in id order after `after` (a stable keyset: resumable fan-out)."""
        rows = await self._conn.fetch(_BATCH, *_criteria(segment), after, limit)
        return [r["learner_id"] for r in rows]
