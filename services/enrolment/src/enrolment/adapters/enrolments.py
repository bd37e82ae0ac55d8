"""SQL for learners' enrolments."""

from uuid import UUID

import asyncpg
from servicekit.db import Repository

from enrolment.domain.enrolment import AlreadyEnrolled, Enrolment


class SqlEnrolments(Repository):
    """Enrolments in the enrolment database; what is added or read is tracked for its events."""

    async def add(self, enrolment: Enrolment) -> None:
        """Insert; a second place for the same learner on the same course is refused."""
        e = self._seen(enrolment)
        try:
            await self._conn.execute(
                "INSERT INTO enrolments (id, course_id, learner_id, locality_code, status, confirmed_at) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                e.id,
                e.course_id,
                e.learner_id,
                e.locality_code,
                e.status,
                e.confirmed_at,
            )
        except asyncpg.UniqueViolationError as exc:
            raise AlreadyEnrolled("the learner is already enrolled on this course") from exc

    async def get(self, enrolment_id: UUID) -> Enrolment | None:
        """An enrolment, or None."""
        row = await self._conn.fetchrow(
            "SELECT id, course_id, learner_id, locality_code, status, confirmed_at "
            "FROM enrolments WHERE id = $1",
            enrolment_id,
        )
        return self._seen(Enrolment(**dict(row))) if row else None
