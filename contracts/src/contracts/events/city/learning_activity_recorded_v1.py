"""``vn.hanoi.learningcity.city.learning_activity.recorded.v1``: a city system saw a learner learn."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.city.inbound_facts import EXAMPLE_LEARNER_ID, EXAMPLE_OFFERING_ID, InboundLearner


class LearningActivityRecordedV1(EventModel, InboundLearner):
    """A city system recorded learning activity of a learner on one of the platform's offerings.

    Public inbound event: written by city systems, read by enrolment (progress) and reporting (activity).
    Personal data: pseudonymous (learner id only; classified internal).
    """

    model_config = ConfigDict(
        title="LearningActivityRecordedV1",
        json_schema_extra={
            "examples": [
                {
                    "learner_id": EXAMPLE_LEARNER_ID,
                    "offering_id": EXAMPLE_OFFERING_ID,
                    "activity_id": "https://lms.hanoi.example/courses/digital-skills/module-2",
                    "progress_percent": 40,
                    "duration_seconds": 1800,
                    "occurred_at": "2027-03-01T02:15:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.city.learning_activity.recorded.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "city.learning-activity"
    aggregate_field: ClassVar[str] = "learner_id"

    offering_id: UUID = Field(description="The platform offering (run of a course) the activity belongs to.")
    activity_id: str = Field(
        min_length=1,
        max_length=512,
        description="The city system's id or IRI of the activity (a module, a quiz).",
    )
    progress_percent: int | None = Field(
        default=None, ge=0, le=100, description="The learner's progress through the offering, when known."
    )
    duration_seconds: int | None = Field(
        default=None, ge=0, le=86_400, description="Time spent on the activity, in seconds, when known."
    )
    occurred_at: AwareDatetime = Field(description="When the activity happened (RFC 3339, with offset).")
