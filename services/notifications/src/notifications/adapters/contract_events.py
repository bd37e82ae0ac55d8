"""Domain events of notifications -> contract events (notifications.messages and .campaigns topics)."""

from collections.abc import Sequence
from typing import Any

from contracts.event import EventModel
from contracts.events.notifications import (
    CampaignFinishedV1,
    CampaignStartedV1,
    MessageDeliveredV1,
    MessageFailedV1,
    MessageOpenedV1,
    MessageSentV1,
)
from contracts.events.notifications.delivery_status import DeliveryChannel

from notifications.domain.campaign import CampaignFinished, CampaignStarted
from notifications.domain.delivery import DeliverySettled, DeliveryStatus


def to_contract(domain_event: Any) -> Sequence[EventModel]:
    """The contract events announcing one domain event."""
    match domain_event:
        case DeliverySettled(status=DeliveryStatus.SENT):
            return [MessageSentV1(**_fields(domain_event))]
        case DeliverySettled(status=DeliveryStatus.DELIVERED):
            return [MessageDeliveredV1(**_fields(domain_event))]
        case DeliverySettled(status=DeliveryStatus.OPENED):
            return [MessageOpenedV1(**_fields(domain_event))]
        case DeliverySettled(status=DeliveryStatus.FAILED, reason=reason):
            return [MessageFailedV1(**_fields(domain_event), reason=reason or "unknown")]
        case CampaignStarted(campaign_id=campaign, at=at):
            return [CampaignStartedV1(campaign_id=campaign, started_at=at)]
        case CampaignFinished(campaign_id=campaign, reached=reached, cancelled=cancelled, at=at):
            return [
                CampaignFinishedV1(campaign_id=campaign, reached=reached, cancelled=cancelled, finished_at=at)
            ]
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
