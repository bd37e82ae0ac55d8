"""In-memory messages and unit of work (use-case tests), with a fixed clock and known ids."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from notifications.domain.audience import AudienceMember
from notifications.domain.campaign import Campaign, Segment
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.message import Message
from notifications.domain.preferences import QuietHours
from notifications.domain.templates import Template
from servicekit.ports import Dependencies
from servicekit.testing import FakeRepository, FakeUnitOfWork, FixedClock, SequentialIds

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)


class FakeMessages(FakeRepository[UUID, Message]):
    async def add(self, message: Message) -> bool:
        once = (message.source_event_id, message.learner_id, message.template)
        if any((m.source_event_id, m.learner_id, m.template) == once for m in self.items.values()):
            return False
        self.items[message.id] = message
        return True

    async def get(self, message_id: UUID) -> Message | None:
        return self.items.get(message_id)

    async def for_learner(
        self, learner_id: UUID, limit: int, after: tuple[datetime, UUID] | None = None
    ) -> list[Message]:
        mine = [m for m in self.items.values() if m.learner_id == learner_id]
        mine = [m for m in mine if after is None or (m.created_at, m.id) < after]
        return sorted(mine, key=lambda m: (m.created_at, m.id), reverse=True)[:limit]

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

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Delivery]:
        due = [
            d for d in self.items.values() if d.status is DeliveryStatus.PENDING and d.next_attempt_at <= now
        ]
        claimed = [replace(d, attempts=d.attempts + 1, next_attempt_at=now + lease) for d in due[:limit]]
        self.items.update((d.id, d) for d in claimed)
        return claimed

    async def save(self, delivery: Delivery) -> None:
        self.items[delivery.id] = self.seen(delivery)


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
        await self.replace(learner_id, frozenset(), NOW)


class FakeAudience(FakeRepository[UUID, tuple[AudienceMember, bool]]):
    async def save(self, member: AudienceMember) -> None:
        known = self.items.get(member.learner_id)
        if known is None or known[0].changed_at <= member.changed_at:
            self.items[member.learner_id] = (member, bool(known and known[1]))

    async def enrolled(self, learner_id: UUID) -> None:
        if learner_id in self.items:
            self.items[learner_id] = (self.items[learner_id][0], True)

    async def forget(self, learner_id: UUID) -> None:
        self.items.pop(learner_id, None)

    def _matching(self, s: Segment) -> list[UUID]:
        def fits(m: AudienceMember, enrolled: bool) -> bool:
            return (
                (not s.localities or m.locality_code in s.localities)
                and (not s.sexes or m.sex in s.sexes)
                and (not s.age_bands or m.age_band in s.age_bands)
                and (s.ethnic_minority is None or m.ethnic_minority == s.ethnic_minority)
                and (not s.support_categories or bool(m.support_categories & set(s.support_categories)))
                and (not s.learner_types or m.learner_type in s.learner_types)
                and not (s.not_yet_enrolled and enrolled)
            )

        return sorted(k for k, (m, e) in self.items.items() if fits(m, e))

    async def count(self, segment: Segment) -> int:
        return len(self._matching(segment))

    async def next_batch(self, segment: Segment, after: UUID | None, limit: int) -> list[UUID]:
        return [k for k in self._matching(segment) if after is None or k > after][:limit]


class FakeCampaigns(FakeRepository[UUID, Campaign]):
    async def add(self, campaign: Campaign) -> None:
        self.items[campaign.id] = self.seen(campaign)

    async def get(self, campaign_id: UUID, *, lock: bool = False) -> Campaign | None:
        found = self.items.get(campaign_id)
        return None if found is None else self.seen(found)

    async def claim_due(self, now: datetime) -> Campaign | None:
        due = [
            c for c in self.items.values() if c.status in ("scheduled", "running") and c.scheduled_at <= now
        ]
        return self.seen(min(due, key=lambda c: c.scheduled_at)) if due else None

    async def save(self, campaign: Campaign) -> None:
        self.items[campaign.id] = self.seen(campaign)


class FakePlaces(FakeRepository[UUID, tuple[UUID, UUID, bool]]):
    async def hold(self, enrolment_id: UUID, learner_id: UUID, offering_id: UUID) -> None:
        self.items[enrolment_id] = (learner_id, offering_id, True)

    async def release(self, enrolment_id: UUID) -> None:
        if enrolment_id in self.items:
            learner, offering, _ = self.items[enrolment_id]
            self.items[enrolment_id] = (learner, offering, False)

    async def holders(self, offering_id: UUID) -> list[UUID]:
        return sorted(
            {
                learner
                for learner, offering, active in self.items.values()
                if offering == offering_id and active
            }
        )

    async def interested(self, learner_id: UUID, offering_id: UUID) -> None:
        pass  # interests are only read by the audience's SQL

    async def forget(self, learner_id: UUID) -> None:
        self.items = {k: v for k, v in self.items.items() if v[0] != learner_id}


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

    async def is_erased(self, learner_id: UUID) -> bool:
        return isinstance(self.items.get(learner_id), datetime)

    async def forget(self, learner_id: UUID, erased_at: datetime) -> None:
        self.items[learner_id] = erased_at


class FakeNotificationsUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.messages = FakeMessages(self)
        self.deliveries = FakeDeliveries(self)
        self.templates = FakeTemplates(self)
        self.opt_outs = FakeOptOuts(self)
        self.audience = FakeAudience(self)
        self.campaigns = FakeCampaigns(self)
        self.places = FakePlaces(self)
        self.contacts = FakeContacts(self)
        self.quiet_hours = FakeQuietHours(self)


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
