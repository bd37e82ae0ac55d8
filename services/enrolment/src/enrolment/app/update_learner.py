"""Use case: change some fields of a learner record; what changed is announced by the domain."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.learner_records import LearnerRules
from enrolment.app.ports import UnitOfWork
from enrolment.domain.access import Reach
from enrolment.domain.learner import Learner


@dataclass(frozen=True)
class UpdateLearner:
    """Command: new values for some profile and contact fields (an absent field keeps its value)."""

    learner_id: UUID
    profile: Mapping[str, object] = field(default_factory=dict)
    contacts: Mapping[str, object] = field(default_factory=dict)


async def update_learner(
    cmd: UpdateLearner, uow: UnitOfWork, deps: Dependencies, rules: LearnerRules, reach: Reach
) -> Learner | None:
    """Apply the changes within the caller's reach; None when the learner is unknown to the caller."""
    now = deps.clock.now()
    async with uow:
        learner = await uow.learners.get(cmd.learner_id)
        if learner is None or not reach.covers(learner.id, learner.dimensions.locality_code):
            return None
        learner.amend(cmd.profile, cmd.contacts, rules.tables, now)
        reach.check_placement(learner.id, learner.dimensions.locality_code)  # no move out of one's area
        await uow.learners.save(learner, now)
    return learner
