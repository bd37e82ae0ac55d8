"""Read-only SQL for lists: enrolments with keyset pagination, offerings with their waitlists."""

from uuid import UUID

import asyncpg
from servicekit.db import Repository

from enrolment.adapters.enrolments import COLUMNS, place_of
from enrolment.adapters.offerings import offering_of
from enrolment.app.ports import EnrolmentFilter, OfferingSeats, Position
from enrolment.domain.lifecycle import Place

_OFFERING = (
    "SELECT o.*, (SELECT count(*) FROM enrolments e WHERE e.offering_id = o.id AND e.status = 'waitlisted') "
    "AS waitlisted FROM offerings o"
)


class SqlListings(Repository):
    """Lists read on the unit of work's transaction (nothing is tracked: nothing changes)."""

    async def enrolments(self, where: EnrolmentFilter, after: Position | None, limit: int) -> list[Place]:
        """Enrolments by (requested at, id), after a position: a keyset, so pages never skip or repeat."""
        status = where.status.value if where.status else None
        rows = await self._conn.fetch(
            f"SELECT {COLUMNS} FROM enrolments WHERE ($1::uuid IS NULL OR learner_id = $1) "
            "AND ($2::uuid IS NULL OR offering_id = $2) AND ($3::text IS NULL OR status = $3) "
            "AND ($4::timestamptz IS NULL OR (requested_at, id) > ($4, $5::uuid)) "
            "ORDER BY requested_at, id LIMIT $6",
            *(where.learner_id, where.offering_id, status),
            *(after or (None, None)),
            limit,
        )
        return [place_of(r) for r in rows]

    async def offerings(self, after: UUID | None, limit: int) -> list[OfferingSeats]:
        """Offerings by id, after one."""
        rows = await self._conn.fetch(
            f"{_OFFERING} WHERE ($1::uuid IS NULL OR o.id > $1) ORDER BY o.id LIMIT $2", after, limit
        )
        return [_seats(r) for r in rows]

    async def offering(self, offering_id: UUID) -> OfferingSeats | None:
        """One offering with its waitlist's length."""
        row = await self._conn.fetchrow(f"{_OFFERING} WHERE o.id = $1", offering_id)
        return _seats(row) if row else None


def _seats(row: asyncpg.Record) -> OfferingSeats:
    return OfferingSeats(offering_of(row), row["waitlisted"])
