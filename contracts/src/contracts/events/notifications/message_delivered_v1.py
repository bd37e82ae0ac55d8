"""``vn.hanoi.learningcity.notifications.message.delivered.v1``: a channel reported a message delivered."""

from typing import ClassVar

from contracts.events.notifications.delivery_status import (
    DeliveryChannel,
    MessageDeliveryStatus,
    delivery_example,
)


class MessageDeliveredV1(MessageDeliveryStatus):
    """A channel's provider reported the message delivered to the learner's device (an SMS gateway's or the
    messaging app's signed delivery receipt). E-mail never says so: an SMTP server's acceptance is
    `message.sent`, and no open-tracking is done.

    Personal data: pseudonymous (learner id only); never an address or a message body.
    """

    model_config = delivery_example("MessageDeliveredV1", DeliveryChannel.SMS, "2026-11-30T03:01:10Z")

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.message.delivered.v1"
