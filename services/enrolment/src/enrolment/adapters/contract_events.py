"""Maps enrolment's domain events onto the contract events other services consume."""

from contracts.event import EventModel
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1

from enrolment.domain.enrolment import EnrolmentConfirmed


def to_contract(event: object) -> list[EventModel]:
    """The contract events announcing one domain event."""
    match event:
        case EnrolmentConfirmed():
            return [
                EnrolmentConfirmedV1(
                    enrolment_id=event.enrolment_id,
                    course_id=event.course_id,
                    learner_id=event.learner_id,
                    confirmed_at=event.confirmed_at,
                    locality_code=event.locality_code,
                )
            ]
    raise TypeError(f"no contract event for {type(event).__name__}")
