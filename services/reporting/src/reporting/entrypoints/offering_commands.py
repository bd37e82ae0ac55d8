"""Offering, teacher and message contract events -> offering dimensions, attainments and message facts."""

from contracts.event import EventModel
from contracts.events.content.offering_cancelled_v1 import OfferingCancelledV1
from contracts.events.content.offering_changed_v1 import OfferingChangedV1
from contracts.events.content.offering_details import AgeBetween, OfferingDetails, TeachersBelowStandard
from contracts.events.content.offering_scheduled_v1 import OfferingScheduledV1
from contracts.events.enrolment.teacher_standard_attained_v1 import TeacherStandardAttainedV1
from contracts.events.notifications.message_delivered_v1 import MessageDeliveredV1
from contracts.events.notifications.message_failed_v1 import MessageFailedV1
from contracts.events.notifications.message_opened_v1 import MessageOpenedV1
from contracts.events.notifications.message_sent_v1 import MessageSentV1

from reporting.domain.message_facts import MessageFact
from reporting.domain.offerings import OfferingDimensions
from reporting.domain.teacher_standard import TeacherAttainment

OFFERING_EVENTS: tuple[type[EventModel], ...] = (
    OfferingScheduledV1,
    OfferingChangedV1,
    OfferingCancelledV1,
    TeacherStandardAttainedV1,
    MessageSentV1,
    MessageDeliveredV1,
    MessageOpenedV1,
    MessageFailedV1,
)


def offering_of(event: EventModel) -> OfferingDimensions | None:
    """The dimensions an offering event carries (each carries the offering's whole state)."""
    if not isinstance(event, OfferingDetails):
        return None
    upgrades = next((r.level.value for r in event.audience if isinstance(r, TeachersBelowStandard)), None)
    ages = next((r for r in event.audience if isinstance(r, AgeBetween)), None)
    return OfferingDimensions(
        event.offering_id,
        event.course_id,
        event.revision,
        event.theme.value,
        event.delivery_mode.value,
        upgrades,
        ages.min_age if ages else None,
        ages.max_age if ages else None,
    )


def attainment_of(event: EventModel) -> TeacherAttainment | None:
    """The attainment a teacher event announces."""
    if isinstance(event, TeacherStandardAttainedV1):
        return TeacherAttainment(event.learner_id, event.level.value, event.attained_on)
    return None


def message_of(event: EventModel) -> MessageFact | None:
    """The delivery outcome a message event announces: sent, failed, delivered or opened."""
    match event:
        case MessageSentV1() | MessageFailedV1() | MessageDeliveredV1() | MessageOpenedV1():
            ids = (event.delivery_id, _OUTCOMES[type(event)], event.message_id, event.learner_id)
            return MessageFact(*ids, event.kind, event.channel.value, event.at)
    return None


_OUTCOMES: dict[type[EventModel], str] = {
    MessageSentV1: "sent",
    MessageFailedV1: "failed",
    MessageDeliveredV1: "delivered",
    MessageOpenedV1: "opened",
}
