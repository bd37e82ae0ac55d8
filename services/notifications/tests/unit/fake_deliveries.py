"""In-memory messages, deliveries and templates for the use-case tests."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from uuid import UUID

from notifications.domain.contacts import Channel
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.message import Message
from notifications.domain.templates import Template
from servicekit.testing import FakeRepository


class FakeMessages(FakeRepository[UUID, Message]):
    async def add(self, message: Message) -> bool:
        once = (message.source_event_id, message.learner_id, message.template)
        if any((m.source_event_id, m.learner_id, m.template) == once for m in self.items.values()):
            return False
        self.items[message.id] = message
        return True

    async def add_all(self, messages: Sequence[Message]) -> set[UUID]:
        return {m.id for m in messages if await self.add(m)}

    async def get(self, message_id: UUID) -> Message | None:
        return self.items.get(message_id)

    async def for_learner(
        self, learner_id: UUID, limit: int, after: tuple[datetime, UUID] | None = None
    ) -> list[Message]:
        mine = [m for m in self.items.values() if m.learner_id == learner_id]
        mine = [m for m in mine if after is None or (m.created_at, m.id) < after]
        return sorted(mine, key=lambda m: (m.created_at, m.id), reverse=True)[:limit]

    async def since(self, learner_id: UUID, since: datetime) -> list[Message]:
        mine = [m for m in self.items.values() if m.learner_id == learner_id and m.created_at >= since]
        return sorted(mine, key=lambda m: m.created_at)

    async def unread(self, learner_id: UUID) -> int:
        return sum(1 for m in self.items.values() if m.learner_id == learner_id and m.read_at is None)

    async def mark_read(self, learner_id: UUID, message_id: UUID, now: datetime) -> bool:
        found = self.items.get(message_id)
        if found is None or found.learner_id != learner_id:
            return False
        self.items[message_id] = replace(found, read_at=found.read_at or now)
        return True

    async def forget(self, learner_id: UUID) -> None:
        self.items = {k: m for k, m in self.items.items() if m.learner_id != learner_id}


class FakeDeliveries(FakeRepository[UUID, Delivery]):
    async def add(self, delivery: Delivery) -> None:
        if all(
            (d.message_id, d.channel) != (delivery.message_id, delivery.channel) for d in self.items.values()
        ):
            self.items[delivery.id] = delivery

    async def add_all(self, deliveries: Sequence[Delivery]) -> None:
        for delivery in deliveries:
            await self.add(delivery)

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Delivery]:
        due = [
            d for d in self.items.values() if d.status is DeliveryStatus.PENDING and d.next_attempt_at <= now
        ]
        claimed = [replace(d, attempts=d.attempts + 1, next_attempt_at=now + lease) for d in due[:limit]]
        self.items.update((d.id, d) for d in claimed)
        return claimed

    async def save(self, delivery: Delivery) -> None:
        self.items[delivery.id] = self.seen(delivery)

    async def save_all(self, deliveries: Sequence[Delivery]) -> None:
        for delivery in deliveries:
            await self.save(delivery)


class FakeTemplates(FakeRepository[tuple[str, Channel, str, int], Template]):
    async def add_version(
        self, kind: str, channel: Channel, language: str, subject: str, body: str, now: datetime
    ) -> int:
        version = 1 + sum(1 for k in self.items if k[:3] == (kind, channel, language))
        self.items[(kind, channel, language, version)] = Template(
            kind, channel, language, version, subject, body, now
        )
        return version

    async def latest(self, kind: str, channel: Channel, language: str) -> Template | None:
        versions = [t for k, t in self.items.items() if k[:3] == (kind, channel, language)]
        return max(versions, key=lambda t: t.version, default=None)
