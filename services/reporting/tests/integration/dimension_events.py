"""A confirmed enrolment of a new learner with just the dimensions a suppression test varies."""

import uuid
from datetime import datetime

from contracts.events.enrolment import EnrolmentConfirmedV2


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
