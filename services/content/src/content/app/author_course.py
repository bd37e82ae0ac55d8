"""Use cases: create and edit course drafts, publish them as versions, retire a course and its offerings."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from content.app.ports import UnitOfWork
from content.domain.course import Author, Course, CourseNotFound
from content.domain.course_content import CourseContent
from content.domain.reference import Reference


@dataclass(frozen=True)
class CreateCourse:
    """Command: a new course draft of a provider."""

    code: str
    provider: str
    content: CourseContent
    author: Author


@dataclass(frozen=True)
class EditCourse:
    """Command: replace a course's draft (a published course keeps its public version meanwhile)."""

    course_id: UUID
    content: CourseContent
    author: Author


@dataclass(frozen=True)
class ChangeCourseStatus:
    """Command: publish the draft, or retire the course."""

    course_id: UUID
    author: Author


async def create_course(cmd: CreateCourse, uow: UnitOfWork, deps: Dependencies, ref: Reference) -> Course:
    """Save a checked draft; a provider may only create its own courses."""
    course = Course.create(deps.ids.new_id(), cmd.code, cmd.provider, cmd.content, ref)
    course.check_author(cmd.author)
    async with uow:
        await uow.courses.add(course)
    return course


async def edit_course(cmd: EditCourse, uow: UnitOfWork, ref: Reference) -> Course:
    """Replace the draft of an own (or, for the department, any) course."""
    async with uow:
        course = await _authored(cmd.course_id, cmd.author, uow)
        course.edit(cmd.content, ref)
        await uow.courses.save(course)
    return course


async def publish_course(cmd: ChangeCourseStatus, uow: UnitOfWork, deps: Dependencies) -> Course:
    """Publish the draft as the next version; the event leaves through the outbox on commit."""
    async with uow:
        course = await _authored(cmd.course_id, cmd.author, uow)
        course.publish(deps.clock.now(), materials=len(await uow.materials.of_course(course.id)))
        await uow.courses.save(course)
    return course


async def retire_course(cmd: ChangeCourseStatus, uow: UnitOfWork, deps: Dependencies) -> Course:
    """Retire the course and close its open offerings, all in one transaction."""
    now = deps.clock.now()
    async with uow:
        course = await _authored(cmd.course_id, cmd.author, uow)
        course.retire(now)
        await uow.courses.save(course)
        for offering in await uow.offerings.of_course(course.id):
            offering.close(now)
            await uow.offerings.save(offering)
    return course


async def read_draft(course_id: UUID, author: Author, uow: UnitOfWork) -> Course:
    """A course with its draft, for its authors only."""
    async with uow:
        return await _authored(course_id, author, uow)


async def _authored(course_id: UUID, author: Author, uow: UnitOfWork) -> Course:
    course = await uow.courses.get(course_id)
    if course is None:
        raise CourseNotFound("no such course")
    course.check_author(author)
    return course
