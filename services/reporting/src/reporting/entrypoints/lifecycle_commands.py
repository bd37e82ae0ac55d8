"""Enrolment lifecycle contract events -> enrolment records, grants and confirmation facts.

Which event says an enrolment was confirmed: `enrolment.confirmed.v2` and `enrolment.promoted.v1` (they
carry the learner's dimensions). `enrolment.confirmed.v1` is retired and no longer read: enrolment stopped
emitting it, and every confirmation it told also went out as v2 or promoted. The enrolment facts keep one
row per enrolment id, so a confirmation delivered twice is counted once.
"""

from datetime import datetime

from contracts.event import EventModel
from contracts.events.enrolment import (
    EnrolmentCompletedV1,
    EnrolmentConfirmedV2,
    EnrolmentDroppedV1,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    ProgressRecordedV1,
    SupportGrantedV1,
)
from contracts.events.enrolment.enrolment_facts import EnrolmentFacts

from reporting.domain.enrolment_records import EnrolmentRecord, GrantFact
from reporting.domain.learners import EnrolmentFact

LIFECYCLE: tuple[type[EventModel], ...] = (
    EnrolmentConfirmedV2,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    EnrolmentDroppedV1,
    EnrolmentCompletedV1,
    ProgressRecordedV1,
    SupportGrantedV1,
)


def record_of(event: EventModel, event_id: str) -> EnrolmentRecord | None:
    """The record a lifecycle event makes (a grant makes none), naming the event's CloudEvents id."""
    ids = (event_id,)
    match event:
        case EnrolmentConfirmedV2():
            return _record(event, ids, "confirmed", seated_at=event.confirmed_at)
        case EnrolmentPromotedV1():
            return _record(event, ids, "confirmed", seated_at=event.promoted_at)
        case EnrolmentWaitlistedV1():
            return _record(event, ids, "waitlisted")
        case EnrolmentWithdrawnV1():
            return _record(event, ids, "withdrawn")
        case EnrolmentDroppedV1():
            return _record(event, ids, "dropped", seated_at=event.dropped_at)
        case EnrolmentCompletedV1():
            at = event.completed_at
            return _record(event, ids, "completed", seated_at=at, completed_at=at, outcome=event.outcome)
        case ProgressRecordedV1():
            return _record(event, ids, "active", seated_at=event.recorded_at, progress=event.percent)
    return None


def confirmation_of(event: EventModel, event_id: str) -> EnrolmentFact | None:
    """The confirmation fact (for participation and per-course counts) of a v2 confirmation or promotion,
    naming the event's CloudEvents id (the drill-down shows it)."""
    match event:
        case EnrolmentConfirmedV2(confirmed_at=at) | EnrolmentPromotedV1(promoted_at=at):
            e = event
            return EnrolmentFact(e.enrolment_id, e.course_id, e.learner_id, at, e.locality_code, event_id)
    return None


def grant_of(event: EventModel) -> GrantFact | None:
    """The grant fact of a support-granted event."""
    if isinstance(event, SupportGrantedV1):
        category = event.support_category.value
        return GrantFact(
            event.enrolment_id, event.benefit.value, category, event.locality_code, event.granted_on
        )
    return None


def _record(
    f: EnrolmentFacts,
    event_ids: tuple[str, ...],
    status: str,
    *,
    seated_at: datetime | None = None,
    completed_at: datetime | None = None,
    outcome: str | None = None,
    progress: int = 0,
) -> EnrolmentRecord:
    return EnrolmentRecord(
        *(f.enrolment_id, f.course_id, f.offering_id, f.learner_id, f.sex.value, f.age_band, f.locality_code),
        *(f.ethnic_minority, tuple(c.value for c in f.support_categories), f.learner_type.value, status),
        seated_at=seated_at,
        completed_at=completed_at,
        outcome=outcome,
        progress=progress,
        event_ids=event_ids,
    )
