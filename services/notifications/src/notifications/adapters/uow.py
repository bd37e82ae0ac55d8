"""The notifications service's unit of work: the kit's transaction plus its repositories."""

from collections.abc import Sequence
from typing import Any

from contracts.event import EventModel
from servicekit.db import UnitOfWork

from notifications.adapters.audience import SqlAudience
from notifications.adapters.campaigns import SqlCampaigns
from notifications.adapters.contacts import SqlContacts
from notifications.adapters.contract_events import to_contract
from notifications.adapters.deliveries import SqlDeliveries
from notifications.adapters.messages import SqlMessages
from notifications.adapters.offerings import SqlOfferings
from notifications.adapters.opt_outs import SqlOptOuts
from notifications.adapters.places import SqlPlaces
from notifications.adapters.quiet_hours import SqlQuietHours
from notifications.adapters.send_contexts import SqlSendContexts
from notifications.adapters.templates import SqlTemplates


class SqlUnitOfWork(UnitOfWork):
    """Adds the service's repositories; a settled delivery is announced on commit."""

    @property
    def messages(self) -> SqlMessages:
        """Messages, on this transaction."""
        return SqlMessages(self)

    @property
    def deliveries(self) -> SqlDeliveries:
        """Deliveries, on this transaction."""
        return SqlDeliveries(self)

    @property
    def send_contexts(self) -> SqlSendContexts:
        """The send-time reads of deliveries, on this transaction."""
        return SqlSendContexts(self)

    @property
    def templates(self) -> SqlTemplates:
        """Templates, on this transaction."""
        return SqlTemplates(self)

    @property
    def opt_outs(self) -> SqlOptOuts:
        """Opt-outs, on this transaction."""
        return SqlOptOuts(self)

    @property
    def quiet_hours(self) -> SqlQuietHours:
        """Learners' own quiet hours, on this transaction."""
        return SqlQuietHours(self)

    @property
    def audience(self) -> SqlAudience:
        """The audience read model, on this transaction."""
        return SqlAudience(self)

    @property
    def campaigns(self) -> SqlCampaigns:
        """Campaigns, on this transaction."""
        return SqlCampaigns(self)

    @property
    def places(self) -> SqlPlaces:
        """Places, on this transaction."""
        return SqlPlaces(self)

    @property
    def offerings(self) -> SqlOfferings:
        """Offerings, on this transaction."""
        return SqlOfferings(self)

    @property
    def contacts(self) -> SqlContacts:
        """Learners' contacts, on this transaction."""
        return SqlContacts(self)

    def contract_events(self, domain_event: Any) -> Sequence[EventModel]:
        """The contract events of a domain event (adapters/contract_events)."""
        return to_contract(domain_event)
