"""``vn.hanoi.learningcity.notifications.message.opened.v1``: the learner opened a message."""

from typing import ClassVar

from contracts.events.notifications.delivery_status import (
    DeliveryChannel,
    MessageDeliveryStatus,
    delivery_example,
)


class MessageOpenedV1(MessageDeliveryStatus):
    """The learner opened the message: read it in the in-app inbox, or the messaging app reported it seen
    (signed receipt). Not for e-mail or SMS (no tracking pixel or link is used: they cannot tell honestly).

    Personal data: pseudonymous (learner id only); never an address or a message body.
    """

    model_config = delivery_example("MessageOpenedV1", DeliveryChannel.IN_APP, "2026-11-30T03:01:10Z")

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.message.opened.v1"
