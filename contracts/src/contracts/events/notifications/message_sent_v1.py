"""``vn.hanoi.learningcity.notifications.message.sent.v1``: a channel accepted a message."""

from typing import ClassVar

from contracts.events.notifications.delivery_status import (
    DeliveryChannel,
    MessageDeliveryStatus,
    delivery_example,
)


class MessageSentV1(MessageDeliveryStatus):
    """A channel accepted a message for a learner (the SMTP server, the SMS gateway, the messaging app;
    in-app: the inbox holds it).

    Personal data: pseudonymous (learner id only); never an address or a message body.
    """

    model_config = delivery_example("MessageSentV1", DeliveryChannel.EMAIL, "2026-11-30T03:00:05Z")

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.message.sent.v1"
