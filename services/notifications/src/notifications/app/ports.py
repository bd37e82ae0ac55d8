"""What notifications' use cases need from the outside world: one unit of work over its repositories."""

from typing import Protocol

from servicekit.ports import UnitOfWorkPort

from notifications.app.audience_ports import Audience, Campaigns, Offerings, Places
from notifications.app.delivery_ports import Deliveries, Messages, SendContexts, Templates
from notifications.app.learner_ports import Contacts, OptOuts, QuietHoursOf

__all__ = [
    "Audience",
    "Campaigns",
    "Contacts",
    "Deliveries",
    "Messages",
    "Offerings",
    "OptOuts",
    "Places",
    "QuietHoursOf",
    "SendContexts",
    "Templates",
    "UnitOfWork",
]


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over notifications' repositories."""

    @property
    def messages(self) -> Messages:
        """Messages, on this transaction."""
        ...

    @property
    def deliveries(self) -> Deliveries:
        """Deliveries, on this transaction."""
        ...

    @property
    def send_contexts(self) -> SendContexts:
        """The send-time reads of deliveries, on this transaction."""
        ...

    @property
    def templates(self) -> Templates:
        """Templates, on this transaction."""
        ...

    @property
    def opt_outs(self) -> OptOuts:
        """Opt-outs, on this transaction."""
        ...

    @property
    def quiet_hours(self) -> QuietHoursOf:
        """Learners' own quiet hours, on this transaction."""
        ...

    @property
    def audience(self) -> Audience:
        """The audience read model, on this transaction."""
        ...

    @property
    def campaigns(self) -> Campaigns:
        """Campaigns, on this transaction."""
        ...

    @property
    def places(self) -> Places:
        """Places, on this transaction."""
        ...

    @property
    def offerings(self) -> Offerings:
        """Offerings, on this transaction."""
        ...

    @property
    def contacts(self) -> Contacts:
        """Learners' contacts, on this transaction."""
        ...
