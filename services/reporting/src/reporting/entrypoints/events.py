"""Event subscribers of the reporting service: batch projections."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from reporting.app.count_enrolments import count_enrolments
from reporting.app.ports import UnitOfWork


def consumers(_: Dependencies) -> list[EventConsumer]:
    """Reporting projects confirmed enrolments, a polled batch per transaction."""
    # Reporting sees internal data at most, and never sensitive categories or contact details.
    consumer = EventConsumer(
        "reporting",
        Clearance(DataClassification.INTERNAL, frozenset({DataCategory.NON_PERSONAL, DataCategory.PERSONAL})),
    )

    @consumer.on_batch(EnrolmentConfirmedV1)
    async def on_enrolments(events: list[EnrolmentConfirmedV1], uow: UnitOfWork) -> None:
        await count_enrolments((e.course_id for e in events), uow)

    return [consumer]
