"""How to reach a learner and the channels they consented to (restricted personal data)."""

import re
from dataclasses import dataclass
from enum import StrEnum

from enrolment.domain.refusals import LearnerRefused

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,}$")
PHONE = re.compile(r"^\+?[0-9]{9,15}$")


class Channel(StrEnum):
    """Where a learner may be contacted."""

    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"
    ZALO = "zalo"  # the messaging app (Zalo Official Account) on the learner's phone number


@dataclass(frozen=True)
class Contacts:
    """How to reach a learner, and the channels they consented to (restricted personal data)."""

    email: str | None = None
    phone: str | None = None
    language: str = "vi"
    consent: frozenset[Channel] = frozenset({Channel.IN_APP})

    def __post_init__(self) -> None:
        if self.email is not None and not EMAIL.fullmatch(self.email):
            raise LearnerRefused("email is not an address", "email")
        if self.phone is not None and not PHONE.fullmatch(self.phone):
            raise LearnerRefused("phone must be 9-15 digits, optionally with +", "phone")
        if self.language not in ("vi", "en"):
            raise LearnerRefused("language must be vi or en", "language")
