"""What notifications' use cases keep per learner: opt-outs, quiet hours and contacts (restricted)."""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol
from uuid import UUID

from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.preferences import QuietHours


class OptOuts(Protocol):
    """Channels learners opted out of."""

    async def replace(self, learner_id: UUID, channels: frozenset[Channel], now: datetime) -> None:
        """Make `channels` exactly the learner's opt-outs."""

    async def add(self, learner_id: UUID, channel: Channel, now: datetime) -> None:
        """Opt the learner out of one channel."""

    async def of(self, learner_id: UUID) -> frozenset[Channel]:
        """The channels the learner opted out of."""
        ...

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's opt-outs."""


class QuietHoursOf(Protocol):
    """Learners' own quiet hours."""

    async def of(self, learner_id: UUID) -> QuietHours | None:
        """The learner's own quiet hours, or None (the default applies)."""
        ...

    async def set(self, learner_id: UUID, hours: QuietHours | None) -> None:
        """Make `hours` the learner's own; None: back to the default."""

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's quiet hours."""


class Contacts(Protocol):
    """Learners' contacts (restricted personal data), and the ids of erased learners."""

    async def save(self, contacts: LearnerContacts) -> None:
        """Insert or replace the learner's contacts."""

    async def get(self, learner_id: UUID) -> LearnerContacts | None:
        """The learner's contacts, or None."""

    async def hold(self, learner_id: UUID) -> None:
        """Until the commit, no other transaction records the learner's contacts or messages: each then
        sees the other's writes (a message recorded without contacts, or contacts that came first)."""

    async def hold_all(self, learner_ids: Iterable[UUID]) -> None:
        """`hold` each of these learners (in an order that never deadlocks with another `hold_all`)."""

    async def of_all(self, learner_ids: Iterable[UUID]) -> dict[UUID, LearnerContacts]:
        """The contacts of those learners who have some, by learner."""
        ...

    async def is_erased(self, learner_id: UUID) -> bool:
        """True once the learner was erased."""
        ...

    async def forget(self, learner_id: UUID, erased_at: datetime) -> None:
        """Delete the contacts and remember the pseudonymous id as erased."""
