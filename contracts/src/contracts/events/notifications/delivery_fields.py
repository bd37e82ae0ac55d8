"""What every delivery status event says: which message, on which channel, for whom (pseudonymously)."""

from enum import StrEnum
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field


class DeliveryChannel(StrEnum):
    """A channel a message is delivered on."""

    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"
    ZALO = "zalo"


class DeliveryFields(BaseModel):
    """Fields shared by the delivery status events; never an address or a message body."""

    message_id: UUID = Field(description="Id of the message; the aggregate id and message key.")
    delivery_id: UUID = Field(description="Id of the delivery: the message on one channel.")
    learner_id: UUID = Field(description="Pseudonymous id of the recipient learner.")
    kind: str = Field(max_length=64, description="Kind of message (e.g. enrolment-confirmed).")
    channel: DeliveryChannel = Field(description="Channel of this delivery.")
    attempts: int = Field(ge=1, description="Attempts made, this one included.")
    at: AwareDatetime = Field(description="When the outcome was known (RFC 3339, with offset).")
