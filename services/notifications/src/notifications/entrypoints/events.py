"""Event subscribers of the notifications service."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from servicekit.consumer import EventConsumer

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.app.handlers import confirm_enrolment

# Notifications will receive contact details (restricted) but never sensitive categories.
consumer = EventConsumer(
    "notifications",
    Clearance(DataClassification.RESTRICTED, frozenset({DataCategory.NON_PERSONAL, DataCategory.PERSONAL})),
)


@consumer.on(EnrolmentConfirmedV1)
async def on_enrolment_confirmed(event: EnrolmentConfirmedV1, uow: NotificationsUnitOfWork) -> None:
    await confirm_enrolment(event, uow)
