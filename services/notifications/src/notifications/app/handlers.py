"""Use cases of notifications: record a confirmation for a learner, read a learner's messages."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.message import Message, enrolment_confirmed


async def confirm_enrolment(event: EnrolmentConfirmedV1, uow: NotificationsUnitOfWork) -> None:
    """Record the confirmation message (inside the consumer's transaction)."""
    message = enrolment_confirmed(
        uuid4(), event.learner_id, event.course_id, datetime.now(UTC), str(event.enrolment_id)
    )
    await uow.messages.add(message)


async def messages_for(
    learner_id: UUID, uow: NotificationsUnitOfWork, limit: int, offset: int = 0
) -> list[Message]:
    """One page of a learner's messages, newest first."""
    async with uow:
        return await uow.messages.for_learner(learner_id, limit, offset)
