"""Use cases: schedule an offering of a published course, change it, cancel it."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from content.app.ports import UnitOfWork
from content.domain.course import Author, CourseNotFound
from content.domain.offering import Offering, OfferingNotFound, Schedule
from content.domain.reference import Reference


@dataclass(frozen=True)
class ScheduleOffering:
    """Command: a new run of a course."""

    course_id: UUID
    plan: Schedule
    author: Author


@dataclass(frozen=True)
class ChangeOffering:
    """Command: new dates, seats or place for an offering (plan None: cancel it)."""

    offering_id: UUID
    plan: Schedule | None
    author: Author


async def schedule_offering(
    cmd: ScheduleOffering, uow: UnitOfWork, deps: Dependencies, ref: Reference
) -> Offering:
    """Schedule revision 1 of an offering of an own published course."""
    async with uow:
        course = await uow.courses.get(cmd.course_id)
        if course is None:
            raise CourseNotFound("no such course")
        course.check_author(cmd.author)
        offering = Offering.schedule(deps.ids.new_id(), course, cmd.plan, ref, deps.clock.now())
        await uow.offerings.add(offering)
    return offering


async def change_offering(
    cmd: ChangeOffering, uow: UnitOfWork, deps: Dependencies, ref: Reference
) -> Offering:
    """The next revision of an offering: changed, or cancelled when no plan is given."""
    async with uow:
        offering = await uow.offerings.get(cmd.offering_id)
        course = await uow.courses.get(offering.details.course_id) if offering else None
        if offering is None or course is None:
            raise OfferingNotFound("no such offering")
        course.check_author(cmd.author)
        if cmd.plan is None:
            offering.cancel(deps.clock.now())
        else:
            offering.change(cmd.plan, ref, deps.clock.now())
        await uow.offerings.save(offering)
    return offering


async def published_offerings(course_id: UUID, uow: UnitOfWork) -> list[Offering]:
    """The offerings of a published course, for anyone; a draft or retired course is not found."""
    async with uow:
        if await uow.catalogue.published(course_id) is None:
            raise CourseNotFound("no published course with this id")
        return await uow.offerings.of_course(course_id)
