"""SQL for courses being authored: lifecycle columns, the draft and the published version as JSON."""

import json
from uuid import UUID

import asyncpg
from servicekit.db import Repository

from content.adapters.course_json import content_from_json, content_to_json, origin_from_json, origin_to_json
from content.domain.audience import audience_tags
from content.domain.course import Course, CourseRuleBroken, CourseStatus
from content.domain.course_content import CourseContent

_COLUMNS = "id, code, provider, status, version, draft, published, published_at, origin"
_UPSERT = f"""
INSERT INTO courses ({_COLUMNS}, theme, delivery_mode, languages, audience_tags)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9::jsonb, $10, $11, $12, $13)
ON CONFLICT (id) DO UPDATE SET (status, version, draft, published, published_at, theme, delivery_mode,
    languages, audience_tags) = (EXCLUDED.status, EXCLUDED.version, EXCLUDED.draft, EXCLUDED.published,
    EXCLUDED.published_at, EXCLUDED.theme, EXCLUDED.delivery_mode, EXCLUDED.languages, EXCLUDED.audience_tags)
"""
_VERSION = """
INSERT INTO course_versions (course_id, version, content, published_at) VALUES ($1, $2, $3::jsonb, $4)
ON CONFLICT DO NOTHING
"""


class SqlCourses(Repository):
    """Courses in the content database; what is added or read is tracked for its events."""

    async def add(self, course: Course) -> None:
        """Insert a new course; a taken code breaks a catalogue rule."""
        try:
            await self.save(course)
        except asyncpg.UniqueViolationError as exc:
            raise CourseRuleBroken(f"course code {course.code} is taken") from exc

    async def save(self, course: Course) -> None:
        """Write the course; a newly published version is also kept in the version history."""
        self._seen(course)
        published = course.published
        await self._conn.execute(
            _UPSERT,
            course.id,
            course.code,
            course.provider,
            course.status.value,
            course.version,
            _json(course.draft),
            _json(published),
            course.published_at,
            origin_to_json(course.origin),
            published.theme if published else None,
            published.delivery_mode if published else None,
            list(published.languages) if published else [],
            audience_tags(published.audience) if published else [],
        )
        if published is not None:
            await self._conn.execute(
                _VERSION, course.id, course.version, _json(published), course.published_at
            )

    async def get(self, course_id: UUID) -> Course | None:
        """A course, or None."""
        row = await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM courses WHERE id = $1", course_id)
        return self._seen(_course(row)) if row else None

    async def by_code(self, code: str) -> Course | None:
        """The course with this code, or None."""
        row = await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM courses WHERE code = $1", code)
        return self._seen(_course(row)) if row else None


def _json(content: CourseContent | None) -> str | None:
    return None if content is None else json.dumps(content_to_json(content), ensure_ascii=False)


def _course(row: asyncpg.Record) -> Course:
    draft, published = row["draft"], row["published"]
    return Course(
        row["id"],
        row["code"],
        row["provider"],
        content_from_json(json.loads(draft)) if draft else None,
        content_from_json(json.loads(published)) if published else None,
        CourseStatus(row["status"]),
        row["version"],
        row["published_at"],
        origin_from_json(row["origin"]),
    )
