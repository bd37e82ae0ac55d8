"""Use cases: register a learner, read one, erase one's personal data (each within the caller's reach)."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.ports import NationalIds, UnitOfWork
from enrolment.domain.access import Reach
from enrolment.domain.dimensions import ReferenceTables
from enrolment.domain.learner import Contacts, Learner, LearnerRefused, Profile


@dataclass(frozen=True)
class RegisterLearner:
    """Command: a new learner record (personal data; only this service keeps it)."""

    profile: Profile
    contacts: Contacts
    national_id: str | None = None


@dataclass(frozen=True)
class LearnerRules:
    """What checking a learner record needs besides the database: the reference tables and the id hasher."""

    tables: ReferenceTables
    national_ids: NationalIds | None  # None: this deployment keeps no national ids


async def register_learner(
    cmd: RegisterLearner, uow: UnitOfWork, deps: Dependencies, rules: LearnerRules, reach: Reach
) -> Learner:
    """Check and save; dimensions and (restricted) contacts are announced in the same transaction."""
    hashed = _hash(cmd.national_id, rules)
    now = deps.clock.now()
    learner = Learner.register(deps.ids.new_id(), cmd.profile, cmd.contacts, hashed, rules.tables, now)
    reach.check_placement(learner.id, cmd.profile.locality_code)
    async with uow:
        await uow.learners.save(learner, now)
    return learner


async def read_learner(learner_id: UUID, uow: UnitOfWork, reach: Reach) -> Learner | None:
    """One learner record within the caller's reach, or None (outside it a learner is not revealed)."""
    async with uow:
        learner = await uow.learners.get(learner_id)
    return learner if learner and reach.covers(learner.id, learner.dimensions.locality_code) else None


async def erase_learner(
    learner_id: UUID, uow: UnitOfWork, deps: Dependencies, reach: Reach
) -> Learner | None:
    """Forget the personal data (the record, the teacher profile, the sensitive categories on enrolments),
    keep the anonymous dimensions, announce the erasure; None if unknown or outside the reach."""
    now = deps.clock.now()
    async with uow:
        learner = await uow.learners.get(learner_id)
        if learner is None or not reach.covers(learner.id, learner.dimensions.locality_code):
            return None
        learner.erase(now)
        await uow.learners.save(learner, now)
        await uow.teacher_profiles.delete(learner_id)
        await uow.enrolments.forget_categories(learner_id)
    return learner


def _hash(national_id: str | None, rules: LearnerRules) -> str | None:
    if national_id is None:
        return None
    if rules.national_ids is None:
        raise LearnerRefused("national ids are not kept by this deployment", "national_id")
    return rules.national_ids.hash(national_id)
