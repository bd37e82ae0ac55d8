"""Use case: give a learner a place on an open course."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.ports import UnitOfWork
from enrolment.domain.enrolment import CourseNotOpen, Enrolment


@dataclass(frozen=True)
class EnrolLearner:
    """Command: give a learner a place on a course."""

    course_id: UUID
    learner_id: UUID
    locality_code: str | None = None


async def enrol_learner(cmd: EnrolLearner, uow: UnitOfWork, deps: Dependencies) -> Enrolment:
    """Lock the course, let the domain decide, save; the confirmation leaves through the outbox."""
    async with uow:
        course = await uow.courses.get_for_update(cmd.course_id)
        if course is None:
            raise CourseNotOpen(f"course {cmd.course_id} is not open for enrolment")
        enrolment = course.enrol(deps.ids.new_id(), cmd.learner_id, cmd.locality_code, deps.clock.now())
        await uow.enrolments.add(enrolment)
        await uow.courses.save(course)
    return enrolment
