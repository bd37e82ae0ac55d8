"""Use cases: a learner's in-app inbox: a page of messages, the unread count, marking one read."""

from datetime import datetime
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.domain.message import Message


async def messages_for(
    learner_id: UUID, uow: UnitOfWork, limit: int, after: tuple[datetime, UUID] | None = None
) -> list[Message]:
    """One page of a learner's messages, newest first, after the keyset cursor."""
    async with uow:
        return await uow.messages.for_learner(learner_id, limit, after)


async def unread_count(learner_id: UUID, uow: UnitOfWork) -> int:
    """How many of the learner's messages are unread."""
    async with uow:
        return await uow.messages.unread(learner_id)


async def mark_read(learner_id: UUID, message_id: UUID, uow: UnitOfWork, deps: Dependencies) -> bool:
    """Mark the learner's own message read; False if they have no such message."""
    async with uow:
        return await uow.messages.mark_read(learner_id, message_id, deps.clock.now())
