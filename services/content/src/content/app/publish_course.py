"""Use case: add a course to the catalogue and publish it."""

from dataclasses import dataclass

from servicekit.ports import Dependencies

from content.app.ports import UnitOfWork
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


async def publish_course(cmd: PublishCourse, uow: UnitOfWork, deps: Dependencies) -> Course:
    """Create, publish and save in one transaction; CoursePublished leaves through the outbox."""
    course = Course(
        deps.ids.new_id(), cmd.code, cmd.title_vi, cmd.title_en, cmd.theme, cmd.delivery_mode, cmd.capacity
    )
    course.publish(deps.clock.now())
    async with uow:
        await uow.courses.add(course)
    return course
