"""Use case: tell a learner about a fact of their enrolment (waitlisted, promoted, completed, support...)."""

from dataclasses import dataclass, field
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.app.record_message import record_message
from notifications.domain.message import compose


@dataclass(frozen=True)
class NotifyLearner:
    """Command: record the message of `kind` for a learner, once per `source` (the triggering fact)."""

    learner_id: UUID
    kind: str
    source: str
    variables: dict[str, str] = field(default_factory=dict)


async def notify_learner(cmd: NotifyLearner, uow: UnitOfWork, deps: Dependencies) -> bool:
    """Record the message and its deliveries; False when this fact was already told (a redelivery)."""
    message = compose(
        deps.ids.new_id(), cmd.learner_id, cmd.kind, cmd.variables, deps.clock.now(), cmd.source
    )
    return await record_message(message, uow, deps)
