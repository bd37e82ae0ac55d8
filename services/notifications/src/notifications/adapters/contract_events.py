"""Domain events of notifications -> contract events (the notifications.messages topic)."""

from collections.abc import Sequence
from typing import Any

from contracts.event import EventModel

from notifications.domain.delivery import DeliverySettled


def to_contract(domain_event: Any) -> Sequence[EventModel]:
    """The contract events announcing one domain event."""
    match domain_event:
        case DeliverySettled():
            return ()
    raise NotImplementedError(f"no contract event for {type(domain_event).__name__}")
