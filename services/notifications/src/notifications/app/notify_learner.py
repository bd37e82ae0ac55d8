"""Use case: tell a learner about a fact of their enrolment (waitlisted, promoted, completed, support...)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.app.record_message import record_message, record_messages
from notifications.domain.message import Message, compose


@dataclass(frozen=True)
class NotifyLearner:
    """Command: record the message of `kind` for a learner, once per `source` (the triggering fact)."""

    learner_id: UUID
    kind: str
    source: str
    variables: dict[str, str] = field(default_factory=dict)


async def notify_learner(cmd: NotifyLearner, uow: UnitOfWork, deps: Dependencies) -> bool:
    """Record the message and its deliveries; False when this fact was already told (a redelivery)."""
    return await record_message(_message(cmd, deps), uow, deps)


async def notify_learners(cmds: Sequence[NotifyLearner], uow: UnitOfWork, deps: Dependencies) -> int:
    """`notify_learner` for each command, in one transaction of a few statements; how many were new."""
    messages = [_message(cmd, deps) for cmd in cmds]
    return await record_messages(messages, uow, deps) if messages else 0


def _message(cmd: NotifyLearner, deps: Dependencies) -> Message:
    return compose(deps.ids.new_id(), cmd.learner_id, cmd.kind, cmd.variables, deps.clock.now(), cmd.source)
