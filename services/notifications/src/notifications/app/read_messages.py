"""Use case: a learner's messages."""

from uuid import UUID

from notifications.app.ports import UnitOfWork
from notifications.domain.message import Message


async def messages_for(learner_id: UUID, uow: UnitOfWork, limit: int, offset: int = 0) -> list[Message]:
    """One page of a learner's messages, newest first."""
    async with uow:
        return await uow.messages.for_learner(learner_id, limit, offset)
