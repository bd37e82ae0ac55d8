"""Use case: a course was published, so it is open for enrolment."""

from uuid import UUID

from enrolment.app.ports import UnitOfWork
from enrolment.domain.enrolment import OpenCourse


async def open_course(course_id: UUID, capacity: int | None, uow: UnitOfWork) -> None:
    """Open the course, or update its capacity (places already taken are kept)."""
    async with uow:
        await uow.courses.upsert(OpenCourse(course_id, capacity))
