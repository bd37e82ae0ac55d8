"""Event subscribers of the reporting service: batch projections."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from reporting.app.count_enrolments import count_enrolments
from reporting.app.ports import UnitOfWork


def consumers(_: Dependencies) -> list[EventConsumer]:
    """Reporting projects confirmed enrolments, a polled batch per transaction."""
    # Enrolment events are internal personal data (a pseudonymous id); never sensitive or contact details.
    clearance = Clearance(DataClassification.INTERNAL, frozenset({DataCategory.PERSONAL}))
    # independent: counting is commutative, so a redriven event counts the same whenever it arrives.
    consumer = EventConsumer("reporting", clearance, ordering="independent")

    @consumer.on_batch(EnrolmentConfirmedV1)
    async def on_enrolments(events: list[EnrolmentConfirmedV1], uow: UnitOfWork) -> None:
        await count_enrolments((e.course_id for e in events), uow)

    return [consumer]
