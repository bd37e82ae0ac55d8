"""Use case: add a course to the catalogue and publish it."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from content.adapters.uow import ContentUnitOfWork
from content.domain.course import Course


@dataclass(frozen=True)
class PublishCourse:
    """Command: put a new course in the catalogue, open for enrolment."""

    code: str
    title_vi: str
    title_en: str
    theme: str
    delivery_mode: str
    capacity: int | None


async def publish_course(cmd: PublishCourse, uow: ContentUnitOfWork) -> Course:
    """Create, publish, save, and record CoursePublished in the outbox, in one transaction."""
    course = Course(uuid4(), cmd.code, cmd.title_vi, cmd.title_en, cmd.theme, cmd.delivery_mode, cmd.capacity)
    course.publish(datetime.now(UTC))
    async with uow:
        await uow.courses.add(course)
        uow.record(*uow.courses.published_events(course))
    return course


async def get_course(course_id: UUID, uow: ContentUnitOfWork) -> Course | None:
    """One course by id."""
    async with uow:
        return await uow.courses.get(course_id)
