"""SQL for open courses and enrolments, and the mapping to contract events."""

from uuid import UUID

import asyncpg
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1

from enrolment.domain.enrolment import AlreadyEnrolled, Enrolment, OpenCourse


class OpenCourseRepository:
    """Courses open for enrolment (a projection of content's published courses)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def upsert(self, course: OpenCourse) -> None:
        """Open the course, or update its capacity; places taken are kept."""
        await self._conn.execute(
            "INSERT INTO open_courses (id, capacity) VALUES ($1, $2) "
            "ON CONFLICT (id) DO UPDATE SET capacity = EXCLUDED.capacity",
            course.id,
            course.capacity,
        )

    async def get_for_update(self, course_id: UUID) -> OpenCourse | None:
        """The course, row-locked until the transaction ends (serialises enrolments on one course)."""
        row = await self._conn.fetchrow(
            "SELECT id, capacity, confirmed FROM open_courses WHERE id = $1 FOR UPDATE", course_id
        )
        return OpenCourse(row["id"], row["capacity"], row["confirmed"]) if row else None

    async def save_count(self, course: OpenCourse) -> None:
        """Store the places taken."""
        await self._conn.execute(
            "UPDATE open_courses SET confirmed = $2 WHERE id = $1", course.id, course.confirmed
        )


class EnrolmentRepository:
    """Enrolments in the enrolment database."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, e: Enrolment) -> None:
        """Insert; a second place for the same learner on the same course is refused."""
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
        return Enrolment(**dict(row)) if row else None

    @staticmethod
    def confirmed_events(e: Enrolment) -> list[EnrolmentConfirmedV1]:
        """Contract events for the enrolment's new domain events."""
        return [
            EnrolmentConfirmedV1(
                enrolment_id=d.enrolment_id,
                course_id=d.course_id,
                learner_id=d.learner_id,
                confirmed_at=d.confirmed_at,
                locality_code=d.locality_code,
            )
            for d in e.events
        ]
