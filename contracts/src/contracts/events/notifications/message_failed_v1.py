"""``vn.hanoi.learningcity.notifications.message.failed.v1``: a message could not be delivered."""

from typing import ClassVar

from pydantic import Field

from contracts.events.notifications.delivery_status import (
    DeliveryChannel,
    MessageDeliveryStatus,
    delivery_example,
)


class MessageFailedV1(MessageDeliveryStatus):
    """A message could not be delivered on a channel, for good: refused, undeliverable, or still failing
    after the last retry.

    Personal data: pseudonymous (learner id only); never an address or a message body.
    """

    model_config = delivery_example(
        "MessageFailedV1", DeliveryChannel.EMAIL, "2026-11-30T03:00:05Z", reason="smtp-unreachable"
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.message.failed.v1"

    reason: str = Field(
        max_length=64,
        description="Why, as a code (e.g. smtp-550, sms-400, invalid-address, no-consent); never a text.",
    )
