"""Use cases: read one course, list the published catalogue."""

from uuid import UUID

from content.app.ports import UnitOfWork
from content.domain.course import Course


async def read_course(course_id: UUID, uow: UnitOfWork) -> Course | None:
    """One course by id, or None."""
    async with uow:
        return await uow.courses.get(course_id)


async def list_published(limit: int, offset: int, uow: UnitOfWork) -> list[Course]:
    """Published courses, newest first."""
    async with uow:
        return await uow.courses.list_published(limit, offset)
