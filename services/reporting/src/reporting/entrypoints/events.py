"""Event subscribers of the reporting service: batch projections."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from servicekit.consumer import EventConsumer

from reporting.adapters.uow import ReportingUnitOfWork
from reporting.app.handlers import count_enrolments

# Reporting sees internal data at most, and never sensitive categories or contact details.
consumer = EventConsumer(
    "reporting",
    Clearance(DataClassification.INTERNAL, frozenset({DataCategory.NON_PERSONAL, DataCategory.PERSONAL})),
)


@consumer.on_batch(EnrolmentConfirmedV1)
async def on_enrolments(events: list[EnrolmentConfirmedV1], uow: ReportingUnitOfWork) -> None:
    await count_enrolments(events, uow)
