"""Contract events -> the projection command (the only place that knows the event models' fields)."""

from collections.abc import Callable, Sequence
from typing import Any

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


def _profile(event: EventModel) -> LearnerProfile | None:
    match event:
        case LearnerRegisteredV1(registered_at=at) | LearnerUpdatedV1(updated_at=at):
            pass
        case _:
            return None
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


def _erasure(event: EventModel) -> LearnerErasure | None:
    return LearnerErasure(event.learner_id, event.erased_at) if isinstance(event, LearnerErasedV1) else None


Mapper = Callable[[Any], object | None]
MAPPERS: tuple[tuple[str, Mapper, tuple[type[EventModel], ...]], ...] = (
    ("profiles", _profile, (LearnerRegisteredV1, LearnerUpdatedV1)),
    ("erasures", _erasure, (LearnerErasedV1,)),
    ("enrolments", confirmation_of, LIFECYCLE),
    ("records", record_of, LIFECYCLE),
    ("grants", grant_of, LIFECYCLE),
    ("activities", _activity, (LearningActivityRecordedV1, AttendanceRecordedV1, ExternalCourseCompletedV1)),
    ("offerings", offering_of, OFFERING_EVENTS),
    ("attainments", attainment_of, OFFERING_EVENTS),
    ("messages", message_of, OFFERING_EVENTS),
)
"""Each ProjectBatch field, its mapper and the models it may map (the mapper may still say None)."""
# Per consumed model, only the mappers that may take it: a polled batch is sorted in one pass.
_BY_MODEL = {m: tuple((field, f) for field, f, takes in MAPPERS if m in takes) for m in CONSUMED}


def to_batch(identified: Sequence[tuple[str, EventModel]]) -> ProjectBatch:
    """Sort a polled batch of (CloudEvents id, event) into profiles, erasures, enrolment facts, lifecycle
    records, grants, activity, offerings, teacher attainments and message facts, in the batch's order;
    enrolment facts and records keep the ids of the events they come from (the drill-down names them)."""
    facts: dict[str, list[Any]] = {field: [] for field, _, _ in MAPPERS}
    for event_id, event in identified:
        for field, mapper in _BY_MODEL.get(type(event), ()):
            if (fact := mapper(event)) is not None:
                facts[field].append(_identified(field, fact, event_id))
    return ProjectBatch(**facts)


def _identified(field: str, fact: Any, event_id: str) -> Any:
    if field == "enrolments":
        return _with(fact, event_id=event_id)
    if field == "records":
        return _with(fact, event_ids=(event_id,))
    return fact


def _with(fact: Any, **changes: object) -> Any:
    """`dataclasses.replace` for these plain frozen dataclasses (every field an init field): replace's
    per-call field introspection cost a third of mapping a polled batch (issue 8's projection profile)."""
    return type(fact)(**(vars(fact) | changes))
