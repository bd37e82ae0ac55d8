"""Event subscribers of the notifications service."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from notifications.app.confirm_enrolment import ConfirmEnrolment, confirm_enrolment
from notifications.app.ports import UnitOfWork


def consumers(deps: Dependencies) -> list[EventConsumer]:
    """Notifications consumes confirmed enrolments."""
    # Enrolment events are internal personal data (a pseudonymous id); nothing restricted or sensitive.
    # independent: each confirmation makes its own message; a redriven one arriving late changes no other.
    consumer = EventConsumer(
        "notifications",
        Clearance(DataClassification.INTERNAL, frozenset({DataCategory.PERSONAL})),
        ordering="independent",
    )

    @consumer.on(EnrolmentConfirmedV1)
    async def on_enrolment_confirmed(event: EnrolmentConfirmedV1, uow: UnitOfWork) -> None:
        command = ConfirmEnrolment(event.learner_id, event.course_id, str(event.enrolment_id))
        await confirm_enrolment(command, uow, deps)

    return [consumer]
