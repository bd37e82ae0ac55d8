"""SQL for the course catalogue."""

from uuid import UUID

import asyncpg
from servicekit.db import Repository

from content.domain.course import Course, CourseRuleBroken

_COLUMNS = "id, code, title_vi, title_en, theme, delivery_mode, capacity, published_at"


class SqlCourses(Repository):
    """Courses in the content database; what is added or read is tracked for its events."""

    async def add(self, course: Course) -> None:
        """Insert a new course; a taken code breaks a catalogue rule."""
        self._seen(course)
        try:
            await self._conn.execute(
                f"INSERT INTO courses ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                course.id,
                course.code,
                course.title_vi,
                course.title_en,
                course.theme,
                course.delivery_mode,
                course.capacity,
                course.published_at,
            )
        except asyncpg.UniqueViolationError as exc:
            raise CourseRuleBroken(f"course code {course.code} is taken") from exc

    async def get(self, course_id: UUID) -> Course | None:
        """A course, or None."""
        row = await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM courses WHERE id = $1", course_id)
        return self._seen(Course(**dict(row))) if row else None

    async def list_published(self, limit: int, offset: int) -> list[Course]:
        """Published courses, newest first."""
        rows = await self._conn.fetch(
            f"SELECT {_COLUMNS} FROM courses WHERE published_at IS NOT NULL "
            "ORDER BY published_at DESC, id LIMIT $1 OFFSET $2",
            limit,
            offset,
        )
        return [Course(**dict(r)) for r in rows]
