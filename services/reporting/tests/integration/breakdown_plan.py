"""The enrolment-breakdown tests' seed: four offerings, 80 enrolments over them, some completed or granted."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from contracts.events.content.offering_scheduled_v1 import OfferingScheduledV1
from contracts.events.enrolment import EnrolmentCompletedV1, EnrolmentConfirmedV2, SupportGrantedV1

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
OFFERINGS = {  # name: (theme, delivery mode, audience)
    "streaming": (
        "vocational_training",
        "in_person",
        [{"rule": "age_between", "min_age": 15, "max_age": 18}],
    ),
    "adult_vocational": (
        "vocational_training",
        "blended",
        [{"rule": "age_between", "min_age": 18, "max_age": 60}],
    ),
    "health": ("health", "online", []),
    "law": ("law", "distance", []),
}


def offering_id(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def scheduled(name: str) -> OfferingScheduledV1:
    theme, mode, audience = OFFERINGS[name]
    return OfferingScheduledV1(
        offering_id=offering_id(name),
        course_id=uuid.uuid4(),
        revision=1,
        status="open",
        theme=theme,
        delivery_mode=mode,
        starts_on=date(2026, 3, 1),
        audience=audience,
        scheduled_at=T0 - timedelta(days=30),
    )


def plan() -> tuple[list, int, int]:
    """80 enrolments over the four offerings, some completed, some granted support; the streaming
    offering's learners are 15-24."""
    rng, events, completed, grants = random.Random(12), [], 0, 0
    for i in range(80):
        name = rng.choice(list(OFFERINGS))
        f = {
            "enrolment_id": uuid.uuid4(),
            "offering_id": offering_id(name),
            "course_id": uuid.uuid4(),
            "learner_id": uuid.uuid4(),
            "sex": rng.choice(("female", "male")),
            "age_band": "15-24" if name == "streaming" else rng.choice(("15-24", "25-54")),
            "locality_code": rng.choice(("00004", "00008")),
            "ethnic_minority": rng.random() < 0.3,
            "support_categories": ["poor_household"] if i % 3 == 0 else [],
            "learner_type": "resident",
        }
        at = T0 + timedelta(hours=i)
        events.append(EnrolmentConfirmedV2(**f, confirmed_at=at))
        if rng.random() < 0.5:
            completed += 1
            done = at + timedelta(days=20)
            events.append(EnrolmentCompletedV1(**f, outcome="passed", certificate_id=None, completed_at=done))
        if i % 3 == 0:
            grants += 1
            events.append(
                SupportGrantedV1(
                    **f,
                    support_category="poor_household",
                    benefit="fee_waiver",
                    legal_basis="Decree 238/2025/ND-CP",
                    granted_on=date(2026, 4, 1),
                )
            )
    return events, completed, grants
