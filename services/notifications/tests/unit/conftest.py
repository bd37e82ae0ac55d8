"""The use-case tests' in-memory unit of work over the fakes of each repository; a fixed clock, known ids."""

from datetime import UTC, datetime

import pytest
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


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
