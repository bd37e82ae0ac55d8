"""What notifications' use cases need from the outside world, as protocols."""

from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from notifications.domain.message import Message


class Messages(Protocol):
    """Messages recorded for learners."""

    async def add(self, message: Message) -> None:
        """Insert a message."""

    async def for_learner(self, learner_id: UUID, limit: int, offset: int) -> list[Message]:
        """One page of a learner's messages, newest first."""


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over notifications' repositories."""

    @property
    def messages(self) -> Messages:
        """Messages, on this transaction."""
        ...
