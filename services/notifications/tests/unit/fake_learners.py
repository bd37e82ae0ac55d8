"""In-memory opt-outs, quiet hours and contacts (what is kept per learner) for the use-case tests."""

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.preferences import QuietHours
from servicekit.testing import FakeRepository


class FakeOptOuts(FakeRepository[tuple[UUID, Channel], datetime]):
    async def replace(self, learner_id: UUID, channels: frozenset[Channel], now: datetime) -> None:
        self.items = {k: v for k, v in self.items.items() if k[0] != learner_id or k[1] in channels}
        for channel in channels:
            self.items.setdefault((learner_id, channel), now)

    async def add(self, learner_id: UUID, channel: Channel, now: datetime) -> None:
        self.items.setdefault((learner_id, channel), now)

    async def of(self, learner_id: UUID) -> frozenset[Channel]:
        return frozenset(c for learner, c in self.items if learner == learner_id)

    async def forget(self, learner_id: UUID) -> None:
        self.items = {k: v for k, v in self.items.items() if k[0] != learner_id}


class FakeQuietHours(FakeRepository[UUID, QuietHours]):
    async def of(self, learner_id: UUID) -> QuietHours | None:
        return self.items.get(learner_id)

    async def set(self, learner_id: UUID, hours: QuietHours | None) -> None:
        if hours is None:
            self.items.pop(learner_id, None)
        else:
            self.items[learner_id] = hours

    async def forget(self, learner_id: UUID) -> None:
        self.items.pop(learner_id, None)


class FakeContacts(FakeRepository[UUID, LearnerContacts | datetime]):
    """Contacts by learner id; an erased learner's entry is the erasure time instead."""

    async def save(self, contacts: LearnerContacts) -> None:
        self.items[contacts.learner_id] = contacts

    async def get(self, learner_id: UUID) -> LearnerContacts | None:
        found = self.items.get(learner_id)
        return found if isinstance(found, LearnerContacts) else None

    async def hold(self, learner_id: UUID) -> None:
        pass  # one test, one task: nothing runs alongside

    async def hold_all(self, learner_ids: Iterable[UUID]) -> None:
        pass

    async def of_all(self, learner_ids: Iterable[UUID]) -> dict[UUID, LearnerContacts]:
        found = {i: await self.get(i) for i in set(learner_ids)}
        return {i: c for i, c in found.items() if c is not None}

    async def is_erased(self, learner_id: UUID) -> bool:
        return isinstance(self.items.get(learner_id), datetime)

    async def forget(self, learner_id: UUID, erased_at: datetime) -> None:
        self.items[learner_id] = erased_at
