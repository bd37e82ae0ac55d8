"""Use case: a learner asks for a place on an offering: confirmed, waitlisted, or refused with a reason."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.ports import UnitOfWork
from enrolment.domain.access import EVERYTHING, Reach
from enrolment.domain.applicants import LearnerNotFound, OfferingNotFound, applicant_for
from enrolment.domain.benefits import grant_support
from enrolment.domain.enrolment import AlreadyEnrolled
from enrolment.domain.lifecycle import Place, request_place
from enrolment.domain.support import SupportPolicy

HANOI = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no daylight saving: a fixed offset is exact


def hanoi_day(now: datetime) -> date:
    """The calendar day in Hanoi (ages, start dates and grants are Hanoi days)."""
    return now.astimezone(HANOI).date()


@dataclass(frozen=True)
class Enrol:
    """Command: a place for a learner on an offering (everything else comes from the learner's record)."""

    offering_id: UUID
    learner_id: UUID


async def enrol(
    cmd: Enrol, uow: UnitOfWork, deps: Dependencies, policy: SupportPolicy, reach: Reach = EVERYTHING
) -> Place:
    """Read the learner, lock the offering (seats are counted under the lock), let the domain decide, save
    (the seat count, grants and events at commit, in one statement);
    a confirmed place brings the learner's support benefits. The events leave through the outbox."""
    now = deps.clock.now()
    async with uow:
        learner = await uow.learners.get(cmd.learner_id)
        if learner and not reach.covers(learner.id, learner.dimensions.locality_code):
            raise LearnerNotFound("no learner with that id")  # outside the reach: not revealed
        teacher = await uow.teacher_profiles.get(cmd.learner_id) if learner else None
        # asked before the lock (fewer round trips while it is held); the unique index still decides races
        enrolled = bool(learner) and await uow.enrolments.exists(cmd.offering_id, cmd.learner_id)
        offering = await uow.offerings.get(cmd.offering_id, for_update=True)
        if offering is None:
            raise OfferingNotFound("no offering with that id")
        applicant = applicant_for(learner, teacher, offering.starts_on, hanoi_day(now))
        if enrolled:
            raise AlreadyEnrolled("the learner is already enrolled on this offering")
        place = request_place(offering, deps.ids.new_id(), applicant, now)
        await uow.enrolments.add(place)
        await grant_and_record(place, uow, policy, hanoi_day(now))
        await uow.offerings.save(offering)
    return place


async def grant_and_record(place: Place | None, uow: UnitOfWork, policy: SupportPolicy, day: date) -> None:
    """Grant (and keep) the benefits of a place that was just confirmed."""
    grants = grant_support(place, policy, day)
    if grants:
        await uow.benefits.add(grants)
