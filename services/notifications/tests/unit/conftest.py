"""In-memory messages and unit of work (use-case tests), with a fixed clock and known ids."""

from datetime import UTC, datetime
from uuid import UUID

import pytest
from notifications.domain.contacts import LearnerContacts
from notifications.domain.message import Message
from servicekit.ports import Dependencies
from servicekit.testing import FakeRepository, FakeUnitOfWork, FixedClock, SequentialIds

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)


class FakeMessages(FakeRepository[UUID, Message]):
    async def add(self, message: Message) -> None:
        self.items[message.id] = message

    async def for_learner(self, learner_id: UUID, limit: int, offset: int) -> list[Message]:
        mine = [m for m in self.items.values() if m.learner_id == learner_id]
        return sorted(mine, key=lambda m: m.created_at, reverse=True)[offset : offset + limit]

    async def forget(self, learner_id: UUID) -> None:
        self.items = {k: m for k, m in self.items.items() if m.learner_id != learner_id}


class FakeContacts(FakeRepository[UUID, LearnerContacts | datetime]):
    """Contacts by learner id; an erased learner's entry is the erasure time instead."""

    async def save(self, contacts: LearnerContacts) -> None:
        self.items[contacts.learner_id] = contacts

    async def get(self, learner_id: UUID) -> LearnerContacts | None:
        found = self.items.get(learner_id)
        return found if isinstance(found, LearnerContacts) else None

    async def is_erased(self, learner_id: UUID) -> bool:
        return isinstance(self.items.get(learner_id), datetime)

    async def forget(self, learner_id: UUID, erased_at: datetime) -> None:
        self.items[learner_id] = erased_at


class FakeNotificationsUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.messages = FakeMessages(self)
        self.contacts = FakeContacts(self)


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
