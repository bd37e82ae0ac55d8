"""What notifications' use cases need to record, send and word messages: messages, deliveries, templates."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery
from notifications.domain.message import Message
from notifications.domain.preferences import QuietHours
from notifications.domain.templates import Template


class Messages(Protocol):
    """Messages recorded for learners: their in-app inbox."""

    async def add(self, message: Message) -> bool:
        """Insert a message; False if this event already made this kind of message for the learner."""
        ...

    async def add_all(self, messages: Sequence[Message]) -> set[UUID]:
        """Insert messages at once; the ids of those inserted (the others' event already made them)."""
        ...

    async def get(self, message_id: UUID) -> Message | None:
        """The message, or None."""
        ...

    async def for_learner(
        self, learner_id: UUID, limit: int, after: tuple[datetime, UUID] | None = None
    ) -> list[Message]:
        """One page of a learner's messages, newest first, after the keyset cursor (created_at, id)."""
        ...

    async def since(self, learner_id: UUID, since: datetime) -> list[Message]:
        """The learner's messages recorded at or after `since`, oldest first."""
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

    async def add_all(self, deliveries: Sequence[Delivery]) -> None:
        """Insert deliveries at once (one already there for its message and channel is kept)."""

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

    async def save_all(self, deliveries: Sequence[Delivery]) -> None:
        """Store the outcomes of a batch's attempts at once."""


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


@dataclass(frozen=True)
class SendContext:
    """What sending one delivery needs, read at send time: None where there is none (erased, no contacts,
    the default quiet hours, no saved template)."""

    message: Message | None
    contacts: LearnerContacts | None
    opted_out: bool
    quiet: QuietHours | None
    template: Template | None


class SendContexts(Protocol):
    """The send-time reads of a claimed batch."""

    async def of(self, deliveries: Sequence[Delivery]) -> dict[UUID, SendContext]:
        """Each delivery's context, by delivery id, read at once for the batch."""
        ...
