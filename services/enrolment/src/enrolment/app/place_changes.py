"""Use cases on an enrolment: withdraw (promoting the next waitlisted learner), progress, complete, drop."""

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.enrol import grant_and_record, hanoi_day
from enrolment.app.ports import UnitOfWork
from enrolment.domain.access import EVERYTHING, Reach
from enrolment.domain.applicants import EnrolmentNotFound
from enrolment.domain.lifecycle import Place, withdraw
from enrolment.domain.support import SupportPolicy

Outcome = Literal["passed", "failed"]


def reaches(reach: Reach, place: Place) -> bool:
    """True when the enrolment is in the caller's reach: by its learner, or the locality it was made in."""
    return reach.covers(place.applicant.learner_id, place.applicant.dimensions.locality_code)


def Acting(learner_id: UUID | None = None) -> Reach:  # the former name, for callers written before reaches
    """The reach of a learner acting for themself, or (no id) of a trusted system acting on any enrolment."""
    return EVERYTHING if learner_id is None else Reach(own_id=learner_id)


async def _locked(uow: UnitOfWork, enrolment_id: UUID, reach: Reach) -> Place:
    place = await uow.enrolments.get(enrolment_id, for_update=True)
    if place is None or not reaches(reach, place):  # outside the reach it does not exist for the caller
        raise EnrolmentNotFound("no such enrolment")
    return place


async def withdraw_enrolment(
    enrolment_id: UUID, reach: Reach, uow: UnitOfWork, deps: Dependencies, policy: SupportPolicy
) -> Place:
    """The learner leaves; a freed seat goes to the next waitlisted learner, who gets their benefits."""
    now = deps.clock.now()
    async with uow:
        seen = await uow.enrolments.get(enrolment_id)
        if seen is None or not reaches(reach, seen):
            raise EnrolmentNotFound("no such enrolment")
        # the offering first, always: every seat change on it queues on this one lock
        offering = await uow.offerings.get(seen.offering_id, for_update=True)
        place = await _locked(uow, enrolment_id, reach)
        if offering is None:
            raise EnrolmentNotFound("the enrolment's offering is unknown")
        promoted = withdraw(place, offering, await uow.enrolments.waitlist(offering.id), now)
        await uow.enrolments.save(place)
        if promoted is not None:
            await uow.enrolments.save(promoted)
            await grant_and_record(promoted, uow, policy, hanoi_day(now))
        await uow.offerings.save(offering)
    return place


async def record_progress(
    enrolment_id: UUID, percent: int, reach: Reach, uow: UnitOfWork, deps: Dependencies
) -> Place:
    """Progress only rises; the first report makes a confirmed enrolment active."""
    async with uow:
        place = await _locked(uow, enrolment_id, reach)
        place.record_progress(percent, deps.clock.now())
        await uow.enrolments.save(place)
    return place


@dataclass(frozen=True)
class Complete:
    """Command (staff): record the outcome, and the certificate when one is awarded."""

    enrolment_id: UUID
    outcome: Outcome
    certificate_id: str | None = None


async def complete_enrolment(
    cmd: Complete, uow: UnitOfWork, deps: Dependencies, reach: Reach = EVERYTHING
) -> Place:
    """Record the outcome; passing a teachers' upgrading programme makes the teacher meet the standard."""
    now = deps.clock.now()
    async with uow:
        place = await _locked(uow, cmd.enrolment_id, reach)
        place.complete(cmd.outcome, cmd.certificate_id, now)
        await uow.enrolments.save(place)
        offering = await uow.offerings.get(place.offering_id)
        level = offering.upgrades() if offering and cmd.outcome == "passed" else None
        teacher = await uow.teacher_profiles.get(place.applicant.learner_id) if level else None
        if level and teacher:
            teacher.complete_upgrade(level, hanoi_day(now))
            await uow.teacher_profiles.save(teacher)
    return place


async def drop_enrolment(
    enrolment_id: UUID, uow: UnitOfWork, deps: Dependencies, reach: Reach = EVERYTHING
) -> Place:
    """Staff record that an active learner stopped coming."""
    async with uow:
        place = await _locked(uow, enrolment_id, reach)
        place.drop(deps.clock.now())
        await uow.enrolments.save(place)
    return place
