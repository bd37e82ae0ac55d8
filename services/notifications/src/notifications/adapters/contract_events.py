"""Domain events of notifications -> contract events (the notifications.messages topic)."""

from collections.abc import Sequence
from typing import Any

from contracts.event import EventModel
from contracts.events.notifications import MessageFailedV1, MessageSentV1
from contracts.events.notifications.delivery_fields import DeliveryChannel

from notifications.domain.delivery import DeliverySettled, DeliveryStatus


def to_contract(domain_event: Any) -> Sequence[EventModel]:
    """The contract events announcing one domain event."""
    match domain_event:
        case DeliverySettled(status=DeliveryStatus.SENT):
            return [MessageSentV1(**_fields(domain_event))]
        case DeliverySettled(status=DeliveryStatus.FAILED, reason=reason):
            return [MessageFailedV1(**_fields(domain_event), reason=reason or "unknown")]
    raise NotImplementedError(f"no contract event for {type(domain_event).__name__}")


def _fields(e: DeliverySettled) -> dict[str, Any]:
    return dict(
        message_id=e.message_id,
        delivery_id=e.delivery_id,
        learner_id=e.learner_id,
        kind=e.kind,
        channel=DeliveryChannel(e.channel.value),
        attempts=e.attempts,
        at=e.at,
    )
