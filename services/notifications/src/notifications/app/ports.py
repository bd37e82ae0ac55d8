"""What notifications' use cases need from the outside world, as protocols."""

from datetime import datetime
from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from notifications.domain.contacts import LearnerContacts
from notifications.domain.message import Message


class Messages(Protocol):
    """Messages recorded for learners."""

    async def add(self, message: Message) -> None:
        """Insert a message."""

    async def for_learner(self, learner_id: UUID, limit: int, offset: int) -> list[Message]:
        """One page of a learner's messages, newest first."""

    async def forget(self, learner_id: UUID) -> None:
        """Delete every message of the learner."""


class Contacts(Protocol):
    """Learners' contacts (restricted personal data), and the ids of erased learners."""

    async def save(self, contacts: LearnerContacts) -> None:
        """Insert or replace the learner's contacts."""

    async def get(self, learner_id: UUID) -> LearnerContacts | None:
        """The learner's contacts, or None."""

    async def is_erased(self, learner_id: UUID) -> bool:
        """True once the learner was erased."""
        ...

    async def forget(self, learner_id: UUID, erased_at: datetime) -> None:
        """Delete the contacts and remember the pseudonymous id as erased."""


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over notifications' repositories."""

    @property
    def messages(self) -> Messages:
        """Messages, on this transaction."""
        ...

    @property
    def contacts(self) -> Contacts:
        """Learners' contacts, on this transaction."""
        ...
