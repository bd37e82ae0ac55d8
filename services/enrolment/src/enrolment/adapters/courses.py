"""SQL for courses open for enrolment (a projection of content's published courses)."""

from uuid import UUID

from servicekit.db import Repository

from enrolment.domain.enrolment import OpenCourse


class SqlOpenCourses(Repository):
    """Open courses in the enrolment database."""

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

    async def save(self, course: OpenCourse) -> None:
        """Store the places taken."""
        await self._conn.execute(
            "UPDATE open_courses SET confirmed = $2 WHERE id = $1", course.id, course.confirmed
        )
