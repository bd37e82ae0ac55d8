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
    """Read the learner, teacher profile, whether enrolled, and the offering row-locked (seats are counted
    under the lock) in one read; let the domain decide; save (the place, seat count, grants and events at
    commit, in one statement). A confirmed place brings the learner's support benefits. The events leave
    through the outbox."""
    now = deps.clock.now()
    async with uow:
        asked = await uow.place_requests.read(cmd.offering_id, cmd.learner_id)
        learner, offering = asked.learner, asked.offering
        if learner and not reach.covers(learner.id, learner.dimensions.locality_code):
            raise LearnerNotFound("no learner with that id")  # outside the reach: not revealed
        if offering is None:
            raise OfferingNotFound("no offering with that id")
        applicant = applicant_for(learner, asked.teacher, offering.starts_on, hanoi_day(now))
        if asked.enrolled:  # the unique index still decides a race (AlreadyEnrolled from the commit)
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
