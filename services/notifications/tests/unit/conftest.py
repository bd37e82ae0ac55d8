"""The use-case tests' in-memory unit of work over the fakes of each repository; a fixed clock, known ids."""

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

import pytest
from notifications.app.delivery_ports import SendContext
from notifications.domain.delivery import Delivery
from servicekit.ports import Dependencies
from servicekit.testing import FakeUnitOfWork, FixedClock, SequentialIds

from .fake_audience import FakeAudience, FakeCampaigns, FakePlaces
from .fake_deliveries import FakeDeliveries, FakeMessages, FakeTemplates
from .fake_learners import FakeContacts, FakeOptOuts, FakeQuietHours

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)


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
        self.send_contexts = FakeSendContexts(self)


class FakeSendContexts:
    """The send-time reads, from the other fakes (the SQL reads them in one statement)."""

    def __init__(self, uow: FakeNotificationsUnitOfWork) -> None:
        self._uow = uow

    async def of(self, deliveries: Sequence[Delivery]) -> dict[UUID, SendContext]:
        return {d.id: await self._one(d) for d in deliveries}

    async def _one(self, d: Delivery) -> SendContext:
        uow = self._uow
        contacts = await uow.contacts.get(d.learner_id)
        language = contacts.language if contacts is not None else "vi"
        return SendContext(
            await uow.messages.get(d.message_id),
            contacts,
            d.channel in await uow.opt_outs.of(d.learner_id),
            await uow.quiet_hours.of(d.learner_id),
            await uow.templates.latest(d.kind, d.channel, language),
        )


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
