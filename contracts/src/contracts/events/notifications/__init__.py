"""Events produced by the notifications service."""

from contracts.events.notifications.campaign_finished_v1 import CampaignFinishedV1
from contracts.events.notifications.campaign_started_v1 import CampaignStartedV1
from contracts.events.notifications.message_failed_v1 import MessageFailedV1
from contracts.events.notifications.message_sent_v1 import MessageSentV1

__all__ = ["CampaignFinishedV1", "CampaignStartedV1", "MessageFailedV1", "MessageSentV1"]
