"""``vn.hanoi.learningcity.enrolment.learner_contacts.changed.v1``: how to reach a learner (restricted)."""

from enum import StrEnum
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class ContactChannel(StrEnum):
    """A channel a learner may consent to be contacted on."""

    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"
    ZALO = "zalo"  # the messaging app (Zalo Official Account) on the learner's phone number


class LearnerContactsChangedV1(EventModel):
    """A learner's contacts, language and per-channel consent, as they are now (the whole state).

    Restricted personal data: only notifications may read the topic (``contracts.rights``). Sent on
    registration and on every change of contacts. The topic is compacted by learner id, so this record
    supersedes the learner's earlier ones, and ``learner_contacts.erased.v1`` supersedes it on erasure.
    """

    model_config = ConfigDict(
        title="LearnerContactsChangedV1",
        json_schema_extra={
            "examples": [
                {
                    "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
                    "email": "learner@example.vn",
                    "phone": "+84912345678",
                    "language": "vi",
                    "consent": ["email", "in_app"],
                    "changed_at": "2026-11-30T03:00:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.learner_contacts.changed.v1"
    classification: ClassVar[DataClassification] = DataClassification.RESTRICTED
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.learner-contacts"
    aggregate_field: ClassVar[str] = "learner_id"

    learner_id: UUID = Field(description="Pseudonymous id of the learner; the aggregate id and message key.")
    email: str | None = Field(None, max_length=320, description="E-mail address, if the learner gave one.")
    phone: str | None = Field(None, max_length=16, description="Phone number (9-15 digits, optional +).")
    language: Literal["vi", "en"] = Field(description="Preferred language of messages.")
    consent: list[ContactChannel] = Field(
        description="Channels the learner consented to, sorted; a channel not listed must not be used."
    )
    changed_at: AwareDatetime = Field(description="When the contacts were recorded (RFC 3339, with offset).")
