"""What notifications' use cases need from the outside world, as protocols."""

from datetime import date, datetime, timedelta
from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from notifications.domain.audience import AudienceMember
from notifications.domain.campaign import Campaign, Segment
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery
from notifications.domain.message import Message
from notifications.domain.offering import Offering
from notifications.domain.preferences import QuietHours
from notifications.domain.templates import Template


class Messages(Protocol):
    """Messages recorded for learners: their in-app inbox."""

    async def add(self, message: Message) -> bool:
        """Insert a message; False if this event already made this kind of message for the learner."""
        ...

    async def get(self, message_id: UUID) -> Message | None:
        """The message, or None."""
        ...

    async def for_learner(
        self, learner_id: UUID, limit: int, after: tuple[datetime, UUID] | None = None
    ) -> list[Message]:
        """One page of a learner's messages, newest first, after the keyset cursor (created_at, id)."""
        ...

    async def unread(self, learner_id: UUID) -> int:
        """How many of the learner's messages are unread."""
        ...

    async def mark_read(self, learner_id: UUID, message_id: UUID, now: datetime) -> bool:
        """Mark the learner's own message read; False if they have no such message."""
        ...

    async def forget(self, learner_id: UUID) -> None:
        """Delete every message of the learner."""


class Deliveries(Protocol):
    """Deliveries of messages on channels: the "to send" table."""

    async def add(self, delivery: Delivery) -> None:
        """Insert a delivery (a second one for the same message and channel is ignored)."""

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Delivery]:
        """Take due deliveries, counting the attempt and leasing them until `now + lease`."""
        ...

    async def get(self, delivery_id: UUID) -> Delivery | None:
        """The delivery, locked for update, or None."""
        ...

    async def of_message(self, message_id: UUID, channel: Channel) -> Delivery | None:
        """The message's delivery on the channel, locked for update, or None."""
        ...

    async def save(self, delivery: Delivery) -> None:
        """Store the outcome of an attempt, or a receipt's later status."""


class Templates(Protocol):
    """Message templates, versioned."""

    async def add_version(
        self, kind: str, channel: Channel, language: str, subject: str, body: str, now: datetime
    ) -> int:
        """Store a new version; its number."""
        ...

    async def latest(self, kind: str, channel: Channel, language: str) -> Template | None:
        """The newest version, or None."""
        ...


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


class Audience(Protocol):
    """Learners' non-identifying dimensions, for campaign segments."""

    async def save(self, member: AudienceMember) -> None:
        """Insert or update (unless what is stored is newer)."""

    async def enrolled(self, learner_id: UUID) -> None:
        """Remember the learner enrolled at least once."""

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's row."""

    async def count(self, segment: Segment) -> int:
        """How many learners the segment matches now."""
        ...

    async def next_batch(self, segment: Segment, after: UUID | None, limit: int) -> list[UUID]:
        """The next learners of the segment in id order after `after`."""
        ...


class Campaigns(Protocol):
    """Campaigns."""

    async def add(self, campaign: Campaign) -> None:
        """Insert a campaign."""

    async def get(self, campaign_id: UUID, *, lock: bool = False) -> Campaign | None:
        """The campaign, or None."""
        ...

    async def claim_due(self, now: datetime) -> Campaign | None:
        """A due campaign no other instance works on, locked; or None."""
        ...

    async def save(self, campaign: Campaign) -> None:
        """Store status and progress."""


class Places(Protocol):
    """Which learners hold a place on which offering."""

    async def hold(self, enrolment_id: UUID, learner_id: UUID, offering_id: UUID) -> None:
        """The learner holds a place."""

    async def release(self, enrolment_id: UUID) -> None:
        """The place is given up."""

    async def holders(self, offering_id: UUID) -> list[UUID]:
        """The learners holding a place on the offering."""
        ...

    async def interested(self, learner_id: UUID, offering_id: UUID) -> None:
        """The learner asked for a place on the offering."""

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's places and interests."""


class Offerings(Protocol):
    """Offerings as content announced them, and whose reminders are recorded."""

    async def save(self, offering: Offering) -> None:
        """Insert or update (unless a newer revision is stored)."""

    async def claim_to_remind(self, first: date, last: date) -> Offering | None:
        """A running offering starting between the dates, not yet reminded for that start, locked."""
        ...

    async def reminded(self, offering_id: UUID, starts_on: date) -> None:
        """Its reminders for this start date are recorded."""


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
    def deliveries(self) -> Deliveries:
        """Deliveries, on this transaction."""
        ...

    @property
    def templates(self) -> Templates:
        """Templates, on this transaction."""
        ...

    @property
    def opt_outs(self) -> OptOuts:
        """Opt-outs, on this transaction."""
        ...

    @property
    def quiet_hours(self) -> QuietHoursOf:
        """Learners' own quiet hours, on this transaction."""
        ...

    @property
    def audience(self) -> Audience:
        """The audience read model, on this transaction."""
        ...

    @property
    def campaigns(self) -> Campaigns:
        """Campaigns, on this transaction."""
        ...

    @property
    def places(self) -> Places:
        """Places, on this transaction."""
        ...

    @property
    def offerings(self) -> Offerings:
        """Offerings, on this transaction."""
        ...

    @property
    def contacts(self) -> Contacts:
        """Learners' contacts, on this transaction."""
        ...
