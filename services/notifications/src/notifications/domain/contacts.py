"""How to reach a learner: addresses, language and the channels they consented to (restricted data)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Channel(StrEnum):
    """A channel messages may go out on."""

    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"
    ZALO = "zalo"  # a messaging app (Zalo Official Account) reaching the learner's phone number


@dataclass(frozen=True)
class LearnerContacts:
    """A learner's contacts as enrolment last announced them."""

    learner_id: UUID
    email: str | None
    phone: str | None
    language: str
    consent: frozenset[Channel]
    changed_at: datetime

    def supersedes(self, known: "LearnerContacts | None") -> bool:
        """True unless what is known is newer: a redelivered older record must not win."""
        return known is None or self.changed_at >= known.changed_at

    def may_use(self, channel: Channel) -> bool:
        """True when the learner consented to the channel and gave its address."""
        phone = {Channel.SMS, Channel.ZALO}
        address = self.email if channel is Channel.EMAIL else self.phone if channel in phone else "in-app"
        return channel in self.consent and address is not None

    def newly_usable(self, known: "LearnerContacts | None") -> frozenset[Channel]:
        """The channels these contacts open that `known` did not (every usable one when none were known)."""
        return frozenset(c for c in Channel if self.may_use(c) and (known is None or not known.may_use(c)))
