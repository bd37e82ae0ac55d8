"""Use cases of enrolment: open a published course, enrol a learner."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from contracts.events.content.course_published_v1 import CoursePublishedV1

from enrolment.adapters.uow import EnrolmentUnitOfWork
from enrolment.domain.enrolment import Enrolment, EnrolmentRefused, OpenCourse


class CourseNotOpen(EnrolmentRefused):
    """No published course with that id is known here."""


@dataclass(frozen=True)
class EnrolLearner:
    """Command: give a learner a place on a course."""

    course_id: UUID
    learner_id: UUID
    locality_code: str | None = None


async def open_course(event: CoursePublishedV1, uow: EnrolmentUnitOfWork) -> None:
    """A course was published: it is now open for enrolment (inside the consumer's transaction)."""
    await uow.courses.upsert(OpenCourse(event.course_id, event.capacity))


async def enrol_learner(cmd: EnrolLearner, uow: EnrolmentUnitOfWork) -> Enrolment:
    """Lock the course, let the domain decide, save, and record the confirmation in the outbox."""
    async with uow:
        course = await uow.courses.get_for_update(cmd.course_id)
        if course is None:
            raise CourseNotOpen(f"course {cmd.course_id} is not open for enrolment")
        enrolment = course.enrol(uuid4(), cmd.learner_id, cmd.locality_code, datetime.now(UTC))
        await uow.enrolments.add(enrolment)
        await uow.courses.save_count(course)
        uow.record(*uow.enrolments.confirmed_events(enrolment))
    return enrolment


async def get_enrolment(enrolment_id: UUID, uow: EnrolmentUnitOfWork) -> Enrolment | None:
    """One enrolment by id."""
    async with uow:
        return await uow.enrolments.get(enrolment_id)
