"""Events produced by the notifications service."""

from contracts.events.notifications.campaign_finished_v1 import CampaignFinishedV1
from contracts.events.notifications.campaign_started_v1 import CampaignStartedV1
from contracts.events.notifications.message_delivered_v1 import MessageDeliveredV1
from contracts.events.notifications.message_failed_v1 import MessageFailedV1
from contracts.events.notifications.message_opened_v1 import MessageOpenedV1
from contracts.events.notifications.message_sent_v1 import MessageSentV1

__all__ = [
    "CampaignFinishedV1",
    "CampaignStartedV1",
    "MessageDeliveredV1",
    "MessageFailedV1",
    "MessageOpenedV1",
    "MessageSentV1",
]
