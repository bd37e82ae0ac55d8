"""``vn.hanoi.learningcity.notifications.message.opened.v1``: the learner opened a message."""

from typing import ClassVar

from pydantic import ConfigDict

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.notifications.delivery_fields import DeliveryFields


class MessageOpenedV1(EventModel, DeliveryFields):
    """The learner opened the message: read it in the in-app inbox, or the messaging app reported it seen
    (signed receipt). Not for e-mail or SMS (no tracking pixel or link is used: they cannot tell honestly).

    Personal data: pseudonymous (learner id only); never an address or a message body.
    """

    model_config = ConfigDict(
        title="MessageOpenedV1",
        json_schema_extra={
            "examples": [
                {
                    "message_id": "5b0f7f4e-3c1d-4a8e-9b6a-2f1e0d9c8b7a",
                    "delivery_id": "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
                    "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
                    "kind": "enrolment-confirmed",
                    "channel": "in_app",
                    "attempts": 1,
                    "at": "2026-11-30T03:01:10Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.message.opened.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "notifications.messages"
    aggregate_field: ClassVar[str] = "message_id"
