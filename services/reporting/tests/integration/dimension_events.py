"""Enrolment and learner events with just the dimensions a suppression test varies."""

import uuid
from datetime import datetime

from contracts.events.enrolment import EnrolmentConfirmedV2
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1


def confirmed(sex: str, locality: str, at: datetime) -> EnrolmentConfirmedV2:
    """A 15-24-year-old resident of `locality`, no support category, confirmed at `at`."""
    return EnrolmentConfirmedV2(
        enrolment_id=uuid.uuid4(),
        offering_id=uuid.uuid4(),
        course_id=uuid.uuid4(),
        learner_id=uuid.uuid4(),
        sex=sex,
        age_band="15-24",
        locality_code=locality,
        ethnic_minority=False,
        support_categories=[],
        learner_type="resident",
        confirmed_at=at,
    )


def registered(enrolment: EnrolmentConfirmedV2, at: datetime) -> LearnerRegisteredV1:
    """The registration (at `at`) of the enrolment's learner, with the enrolment's dimensions."""
    dimensions = enrolment.model_dump(include=set(LearnerRegisteredV1.model_fields) - {"registered_at"})
    return LearnerRegisteredV1(**dimensions, registered_at=at)


ENROLLED = (
    "SELECT count(*) FROM enrolment_facts JOIN learner_dimensions USING (learner_id)"
    " WHERE enrolment_id = ANY($1)"
)
"""Of the enrolment ids in $1, how many are projected with their learner's dimensions."""
