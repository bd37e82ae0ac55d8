"""What every enrolment event carries: the enrolment, its offering and course, the learner's dimensions."""

from typing import Any
from uuid import UUID

from pydantic import Field

from contracts.events.enrolment.learner_dimensions import LearnerDimensions


class EnrolmentFacts(LearnerDimensions):
    """An enrolment by id, with its offering, its course and the learner's non-identifying dimensions
    (taken from the learner's record when the enrolment was requested, never typed by a caller)."""

    enrolment_id: UUID = Field(description="Id of the enrolment; the aggregate id and Kafka message key.")
    offering_id: UUID = Field(description="Id of the offering (one run of a course) enrolled on.")
    course_id: UUID = Field(description="Id of the course the offering runs.")


EXAMPLE_FACTS: dict[str, Any] = {
    "enrolment_id": "5c2a9d4e-1f3b-4a6c-8e7d-9b0a1c2d3e4f",
    "offering_id": "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
    "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
    "sex": "female",
    "age_band": "25-54",
    "locality_code": "00004",
    "ethnic_minority": True,
    "support_categories": ["ethnic_minority", "woman"],
    "learner_type": "teacher",
}
"""The facts of the examples in the enrolment events' schemas."""
