"""Deliveries: one per (message, channel); what to send, and what happens after a success or a failure."""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from notifications.domain.addresses import InvalidAddress, email_address, vietnamese_mobile
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.message import Message


class DeliveryStatus(StrEnum):
    """Where a delivery stands: pending until sent (then delivered, opened where the channel tells), or
    failed for good."""

    PENDING = "pending"
    SENT = "sent"
    DELIVERED = "delivered"
    OPENED = "opened"
    FAILED = "failed"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently transient failures are retried (exponential backoff, capped)."""

    max_attempts: int
    first_backoff: timedelta
    max_backoff: timedelta

    def backoff(self, attempts: int) -> timedelta:
        """The wait before the next attempt, after `attempts` attempts."""
        doubled: timedelta = self.first_backoff * 2 ** max(attempts - 1, 0)
        return min(doubled, self.max_backoff)


@dataclass(frozen=True)
class DeliverySettled:
    """Domain event: a delivery was sent or failed for good, or a receipt moved it on (`reason`: a code)."""

    delivery_id: UUID
    message_id: UUID
    learner_id: UUID
    channel: Channel
    kind: str
    status: DeliveryStatus
    attempts: int
    reason: str | None
    at: datetime


@dataclass(frozen=True)
class Delivery:
    """A message on one channel. `attempts` counts attempts started; `reason` is a code, never a text."""

    id: UUID
    message_id: UUID
    learner_id: UUID
    channel: Channel
    kind: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    reason: str | None = None
    events: list[DeliverySettled] = field(default_factory=list, compare=False, repr=False)

    def sent(self, now: datetime) -> "Delivery":
        """The delivery after the channel accepted it."""
        return self._settled(DeliveryStatus.SENT, None, now)

    def failed(self, reason: str, transient: bool, now: datetime, policy: RetryPolicy) -> "Delivery":
        """Pending again after a backoff while a transient failure has attempts left; otherwise failed."""
        if transient and self.attempts < policy.max_attempts:
            later = now + policy.backoff(self.attempts)
            return replace(self, next_attempt_at=later, reason=reason, events=[])
        return self._settled(DeliveryStatus.FAILED, reason, now)

    def acknowledged(self, status: DeliveryStatus, now: datetime) -> "Delivery":
        """After a channel's receipt moved it on to `status` (the caller checks it is a later one)."""
        return self._settled(status, self.reason, now)

    def deferred(self, until: datetime) -> "Delivery":
        """Pending until `until` (quiet hours): the claim's attempt does not count."""
        return replace(self, attempts=self.attempts - 1, next_attempt_at=until, events=[])

    def _settled(self, status: DeliveryStatus, reason: str | None, now: datetime) -> "Delivery":
        ended = replace(self, status=status, reason=reason, events=[])
        ids = (self.id, self.message_id, self.learner_id)
        ended.events.append(
            DeliverySettled(*ids, self.channel, self.kind, status, self.attempts, reason, now)
        )
        return ended


@dataclass(frozen=True)
class Outgoing:
    """What a channel sends: the address, subject and body in the learner's language, and a dedupe key."""

    delivery_id: UUID
    channel: Channel
    address: str
    subject: str
    body: str
    unsubscribe_url: str | None = None

    @property
    def key(self) -> str:
        """Idempotency key the channel may use to drop a repeated send (at-least-once from here)."""
        return str(self.delivery_id)


class Undeliverable(Exception):
    """A delivery that must not or cannot go out: a permanent failure with a reason code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def outgoing(
    delivery: Delivery,
    message: Message,
    contacts: LearnerContacts | None,
    rendered: tuple[str, str] | None = None,
) -> Outgoing:
    """What to send now, decided at send time so an opt-out or erasure since recording is honoured.

    `rendered` is the subject and body of the channel's own template, when one was saved."""
    if contacts is None:
        if delivery.channel is not Channel.IN_APP:
            raise Undeliverable("no-contacts")
        # the inbox needs no address or consent: before contacts arrive it gets the default language
        subject, body = rendered or (_SUBJECTS["vi"], message.body_vi)
        return Outgoing(delivery.id, delivery.channel, str(message.learner_id), subject, body)
    if not contacts.may_use(delivery.channel):
        raise Undeliverable("no-consent")
    try:
        address = _address(delivery.channel, contacts)
    except InvalidAddress as refused:
        raise Undeliverable(refused.code) from None
    body = message.body_en if contacts.language == "en" else message.body_vi
    subject = _SUBJECTS["en" if contacts.language == "en" else "vi"]
    subject, body = rendered or (subject, body)
    return Outgoing(delivery.id, delivery.channel, address, subject, body)


_SUBJECTS = {"vi": "Thành phố học tập Hà Nội", "en": "Hanoi Learning City"}


def _address(channel: Channel, contacts: LearnerContacts) -> str:
    if channel is Channel.EMAIL:
        return email_address(contacts.email or "")
    if channel in (Channel.SMS, Channel.ZALO):
        return vietnamese_mobile(contacts.phone or "")
    return str(contacts.learner_id)  # in-app: the inbox is the learner's own
