"""Subscribers to content's offering events: offerings are kept (reminders, themes); a change or a
cancellation is told to the offering's learners."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.content import OfferingCancelledV1, OfferingChangedV1, OfferingScheduledV1
from contracts.events.content.offering_details import OfferingDetails
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from notifications.app.offering_news import tell_holders
from notifications.app.ports import UnitOfWork
from notifications.app.reminders import record_offering
from notifications.domain.offering import Offering


def offerings(deps: Dependencies) -> EventConsumer:
    """A consumer of its own: offering events are public, so it needs no clearance for personal data."""
    consumer = EventConsumer(
        "notifications",
        Clearance(DataClassification.PUBLIC, frozenset({DataCategory.NON_PERSONAL})),
        ordering="independent",  # each revision is its own news, told once; the highest revision is kept
    )

    @consumer.on(OfferingScheduledV1)
    async def on_scheduled(event: OfferingScheduledV1, uow: UnitOfWork) -> None:
        await record_offering(_offering(event), uow)

    @consumer.on(OfferingChangedV1)
    async def on_changed(event: OfferingChangedV1, uow: UnitOfWork) -> None:
        await record_offering(_offering(event), uow)
        values = {"course_id": str(event.course_id), "starts_on": event.starts_on.isoformat()}
        source = f"{event.offering_id}:revision-{event.revision}"
        await tell_holders(event.offering_id, "offering-changed", source, values, uow, deps)

    @consumer.on(OfferingCancelledV1)
    async def on_cancelled(event: OfferingCancelledV1, uow: UnitOfWork) -> None:
        await record_offering(_offering(event), uow)
        values = {"course_id": str(event.course_id)}
        source = f"{event.offering_id}:cancelled"
        await tell_holders(event.offering_id, "offering-cancelled", source, values, uow, deps)

    return consumer


def _offering(e: OfferingDetails) -> Offering:
    return Offering(e.offering_id, e.course_id, e.theme.value, e.starts_on, e.status.value, e.revision)
