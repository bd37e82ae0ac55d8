"""Base of the message delivery status events: which message, on which channel, for whom (pseudonymously)."""

from enum import StrEnum
from typing import Any, ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class DeliveryChannel(StrEnum):
    """A channel a message is delivered on."""

    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"
    ZALO = "zalo"


class MessageDeliveryStatus(EventModel):
    """Base of the events saying how far one delivery of a message got; never an address or a message body.

    A subclass sets its ``ce_type``, its docstring and its example (`delivery_example`); it shares the
    topic, keying and data class of all of them (the registry skips this base: it declares no type).
    """

    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "notifications.messages"
    aggregate_field: ClassVar[str] = "message_id"

    message_id: UUID = Field(description="Id of the message; the aggregate id and message key.")
    delivery_id: UUID = Field(description="Id of the delivery: the message on one channel.")
    learner_id: UUID = Field(description="Pseudonymous id of the recipient learner.")
    kind: str = Field(max_length=64, description="Kind of message (e.g. enrolment-confirmed).")
    channel: DeliveryChannel = Field(description="Channel of this delivery.")
    attempts: int = Field(ge=1, description="Attempts made, this one included.")
    at: AwareDatetime = Field(description="When the outcome was known (RFC 3339, with offset).")


def delivery_example(title: str, channel: DeliveryChannel, at: str, **extra: Any) -> ConfigDict:
    """A delivery status event's model config: its title and one example (the same message, learner and
    delivery in all of them, so the catalogue reads as one message's story)."""
    example = {
        "message_id": "5b0f7f4e-3c1d-4a8e-9b6a-2f1e0d9c8b7a",
        "delivery_id": "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
        "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
        "kind": "enrolment-confirmed",
        "channel": channel.value,
        "attempts": 1,
        "at": at,
        **extra,
    }
    return ConfigDict(title=title, json_schema_extra={"examples": [example]})
