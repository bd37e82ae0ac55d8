"""Use cases on an enrolment: withdraw (promoting the next waitlisted learner), progress, complete, drop."""

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.enrol import grant_and_record, hanoi_day
from enrolment.app.ports import UnitOfWork
from enrolment.domain.applicants import EnrolmentNotFound
from enrolment.domain.lifecycle import Place, withdraw
from enrolment.domain.support import SupportPolicy

Outcome = Literal["passed", "failed"]


@dataclass(frozen=True)
class Acting:
    """Who acts: `learner_id` set when a learner acts for themself (only on their own enrolments)."""

    learner_id: UUID | None = None


async def _locked(uow: UnitOfWork, enrolment_id: UUID, acting: Acting) -> Place:
    place = await uow.enrolments.get(enrolment_id, for_update=True)
    if place is None or acting.learner_id not in (None, place.applicant.learner_id):
        raise EnrolmentNotFound("no such enrolment")
    return place


async def withdraw_enrolment(
    enrolment_id: UUID, acting: Acting, uow: UnitOfWork, deps: Dependencies, policy: SupportPolicy
) -> Place:
    """The learner leaves; a freed seat goes to the next waitlisted learner, who gets their benefits."""
    now = deps.clock.now()
    async with uow:
        seen = await uow.enrolments.get(enrolment_id)
        if seen is None:
            raise EnrolmentNotFound("no such enrolment")
        # the offering first, always: every seat change on it queues on this one lock
        offering = await uow.offerings.get(seen.offering_id, for_update=True)
        place = await _locked(uow, enrolment_id, acting)
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
    enrolment_id: UUID, percent: int, acting: Acting, uow: UnitOfWork, deps: Dependencies
) -> Place:
    """Progress only rises; the first report makes a confirmed enrolment active."""
    async with uow:
        place = await _locked(uow, enrolment_id, acting)
        place.record_progress(percent, deps.clock.now())
        await uow.enrolments.save(place)
    return place


@dataclass(frozen=True)
class Complete:
    """Command (staff): record the outcome, and the certificate when one is awarded."""

    enrolment_id: UUID
    outcome: Outcome
    certificate_id: str | None = None


async def complete_enrolment(cmd: Complete, uow: UnitOfWork, deps: Dependencies) -> Place:
    """Record the outcome; passing a teachers' upgrading programme makes the teacher meet the standard."""
    now = deps.clock.now()
    async with uow:
        place = await _locked(uow, cmd.enrolment_id, Acting())
        place.complete(cmd.outcome, cmd.certificate_id, now)
        await uow.enrolments.save(place)
        offering = await uow.offerings.get(place.offering_id)
        level = offering.upgrades() if offering and cmd.outcome == "passed" else None
        teacher = await uow.teacher_profiles.get(place.applicant.learner_id) if level else None
        if level and teacher:
            teacher.complete_upgrade(level, hanoi_day(now))
            await uow.teacher_profiles.save(teacher)
    return place


async def drop_enrolment(enrolment_id: UUID, uow: UnitOfWork, deps: Dependencies) -> Place:
    """Staff record that an active learner stopped coming."""
    async with uow:
        place = await _locked(uow, enrolment_id, Acting())
        place.drop(deps.clock.now())
        await uow.enrolments.save(place)
    return place
