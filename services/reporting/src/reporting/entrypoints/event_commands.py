"""Contract events -> the projection command (the only place that knows the event models' fields)."""

from collections.abc import Sequence

from contracts.event import EventModel
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from contracts.events.enrolment.learner_erased_v1 import LearnerErasedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.enrolment.learner_updated_v1 import LearnerUpdatedV1

from reporting.app.project_learners import ProjectBatch
from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile

CONSUMED: tuple[type[EventModel], ...] = (
    EnrolmentConfirmedV1,
    LearnerRegisteredV1,
    LearnerUpdatedV1,
    LearnerErasedV1,
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


def to_batch(events: Sequence[EventModel]) -> ProjectBatch:
    """Sort a polled batch into profiles, erasures and enrolment facts."""
    profiles, erasures, enrolments = [], [], []
    for event in events:
        match event:
            case LearnerRegisteredV1() | LearnerUpdatedV1():
                profiles.append(_profile(event))
            case LearnerErasedV1():
                erasures.append(LearnerErasure(event.learner_id, event.erased_at))
            case EnrolmentConfirmedV1():
                enrolments.append(
                    EnrolmentFact(
                        event.enrolment_id,
                        event.course_id,
                        event.learner_id,
                        event.confirmed_at,
                        event.locality_code,
                    )
                )
    return ProjectBatch(profiles, erasures, enrolments)
