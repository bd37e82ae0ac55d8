"""The in-app channel: the message is already in the learner's inbox once recorded; nothing leaves."""

from notifications.domain.delivery import Outgoing


class InAppInbox:
    """Marks in-app deliveries sent: the inbox API serves the recorded message."""

    async def send(self, item: Outgoing) -> None:
        """Nothing to hand over: the committed message is the inbox entry."""
