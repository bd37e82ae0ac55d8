"""Use case: tell a learner their place on a course is confirmed."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.app.record_message import record_message
from notifications.domain.message import enrolment_confirmed


@dataclass(frozen=True)
class ConfirmEnrolment:
    """Command: record the confirmation message of an enrolment."""

    learner_id: UUID
    course_id: UUID
    source_event_id: str


async def confirm_enrolment(cmd: ConfirmEnrolment, uow: UnitOfWork, deps: Dependencies) -> None:
    """Record the bilingual confirmation message and its deliveries (once per enrolment)."""
    message = enrolment_confirmed(
        deps.ids.new_id(), cmd.learner_id, cmd.course_id, deps.clock.now(), cmd.source_event_id
    )
    await record_message(message, uow, deps)
