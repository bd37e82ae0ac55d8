"""Which enrolment events tell the learner something, and with which kind of message and variables."""

from contracts.events.enrolment import (
    EnrolmentCompletedV1,
    EnrolmentConfirmedV2,
    EnrolmentDroppedV1,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    SupportGrantedV1,
)
from contracts.events.enrolment.enrolment_facts import EnrolmentFacts

from notifications.app.notify_learner import NotifyLearner
from notifications.app.offering_news import PlaceChange

TRIGGERS = (
    EnrolmentConfirmedV2,
    EnrolmentWaitlistedV1,
    EnrolmentPromotedV1,
    EnrolmentWithdrawnV1,
    EnrolmentCompletedV1,
    SupportGrantedV1,
)
"""The enrolment events that make a message (progress and drops do not)."""


def command_for(event: EnrolmentFacts) -> NotifyLearner:
    """The message a trigger makes. The enrolment id is the source: each kind is told once per enrolment
    (a redelivered confirmation makes no second message), a benefit once per enrolment and benefit."""
    course = {"course_id": str(event.course_id)}
    source = str(event.enrolment_id)
    match event:
        case EnrolmentConfirmedV2():
            return NotifyLearner(event.learner_id, "enrolment-confirmed", source, course)
        case EnrolmentWaitlistedV1():
            return NotifyLearner(event.learner_id, "enrolment-waitlisted", source, course)
        case EnrolmentPromotedV1():
            return NotifyLearner(event.learner_id, "enrolment-promoted", source, course)
        case EnrolmentWithdrawnV1():
            return NotifyLearner(event.learner_id, "enrolment-withdrawn", source, course)
        case EnrolmentCompletedV1(outcome=outcome, certificate_id=certificate):
            values = {**course, "outcome": outcome, "certificate_id": certificate or "-"}
            return NotifyLearner(event.learner_id, "enrolment-completed", source, values)
        case SupportGrantedV1(benefit=benefit):
            values = {**course, "benefit": benefit.value}
            return NotifyLearner(event.learner_id, "support-granted", f"{source}:{benefit.value}", values)
    raise TypeError(f"{type(event).__name__} makes no message")


def place_change(event: EnrolmentFacts) -> PlaceChange | None:
    """The place an enrolment event takes or gives up (on the offering's news), if any."""
    if isinstance(event, EnrolmentConfirmedV2 | EnrolmentPromotedV1):
        held = True
    elif isinstance(event, EnrolmentWithdrawnV1 | EnrolmentDroppedV1 | EnrolmentCompletedV1):
        held = False
    else:
        return None
    return PlaceChange(event.enrolment_id, event.learner_id, event.offering_id, held)
