"""Events produced by the notifications service."""

from contracts.events.notifications.message_failed_v1 import MessageFailedV1
from contracts.events.notifications.message_sent_v1 import MessageSentV1

__all__ = ["MessageFailedV1", "MessageSentV1"]
