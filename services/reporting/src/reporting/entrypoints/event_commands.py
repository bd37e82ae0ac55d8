"""Contract events -> the projection command (the only place that knows the event models' fields)."""

from collections.abc import Sequence
from dataclasses import replace

from contracts.event import EventModel
from contracts.events.city import AttendanceRecordedV1, ExternalCourseCompletedV1, LearningActivityRecordedV1
from contracts.events.enrolment.learner_erased_v1 import LearnerErasedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.enrolment.learner_updated_v1 import LearnerUpdatedV1

from reporting.app.project_learners import ProjectBatch
from reporting.domain.activity import ActivityFact, ActivityKind
from reporting.domain.learners import LearnerErasure, LearnerProfile
from reporting.entrypoints.lifecycle_commands import LIFECYCLE, confirmation_of, grant_of, record_of
from reporting.entrypoints.offering_commands import OFFERING_EVENTS, attainment_of, message_of, offering_of

CONSUMED: tuple[type[EventModel], ...] = (
    LearnerRegisteredV1,
    LearnerUpdatedV1,
    LearnerErasedV1,
    *LIFECYCLE,
    LearningActivityRecordedV1,
    AttendanceRecordedV1,
    ExternalCourseCompletedV1,
    *OFFERING_EVENTS,
)


def _profile(event: LearnerRegisteredV1 | LearnerUpdatedV1) -> LearnerProfile:
    at = event.registered_at if isinstance(event, LearnerRegisteredV1) else event.updated_at
    return LearnerProfile(
        learner_id=event.learner_id,
        sex=event.sex.value,
        age_band=event.age_band,
        locality_code=event.locality_code,
        ethnic_minority=event.ethnic_minority,
        support_categories=tuple(c.value for c in event.support_categories),
        learner_type=event.learner_type.value,
        as_of=at,
    )


def _activity(event: EventModel) -> ActivityFact | None:
    """The activity fact a city system's event reports (an absence is no activity)."""
    match event:
        case LearningActivityRecordedV1():
            return ActivityFact(event.learner_id, ActivityKind.LEARNING, event.activity_id, event.occurred_at)
        case AttendanceRecordedV1() if event.attended:
            ref = f"{event.offering_id}/{event.centre_code}/{event.session_on}"
            return ActivityFact(event.learner_id, ActivityKind.ATTENDANCE, ref, event.recorded_at)
        case ExternalCourseCompletedV1():
            kind = ActivityKind.EXTERNAL_COMPLETION
            return ActivityFact(event.learner_id, kind, event.course_ref, event.completed_at)
    return None


def to_batch(identified: Sequence[tuple[str, EventModel]]) -> ProjectBatch:
    """Sort a polled batch of (CloudEvents id, event) into profiles, erasures, enrolment facts, lifecycle
    records, grants, activity, offerings and teacher attainments; enrolment facts and records keep the ids
    of the events they come from (the drill-down names them)."""
    events = [e for _, e in identified]
    enrolments = [replace(f, event_id=i) for i, e in identified if (f := confirmation_of(e))]
    records = [replace(r, event_ids=(i,)) for i, e in identified if (r := record_of(e))]
    profiles, erasures = [], []
    grants = [g for e in events if (g := grant_of(e))]
    activities = [fact for fact in map(_activity, events) if fact is not None]
    for event in events:
        match event:
            case LearnerRegisteredV1() | LearnerUpdatedV1():
                profiles.append(_profile(event))
            case LearnerErasedV1():
                erasures.append(LearnerErasure(event.learner_id, event.erased_at))
    offerings = [o for e in events if (o := offering_of(e))]
    attainments = [a for e in events if (a := attainment_of(e))]
    messages = [m for e in events if (m := message_of(e))]
    batch = ProjectBatch(profiles, erasures, enrolments, records, grants, activities, offerings, attainments)
    return replace(batch, messages=messages)
