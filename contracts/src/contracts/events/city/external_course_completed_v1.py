"""``vn.hanoi.learningcity.city.external_course.completed.v1``: a learner finished a course elsewhere."""

from typing import ClassVar, Literal

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.city.inbound_facts import EXAMPLE_LEARNER_ID, InboundLearner


class ExternalCourseCompletedV1(EventModel, InboundLearner):
    """A city system reports that a learner completed a course it runs (not one of the platform's).

    Public inbound event: written by city systems, read by reporting (activity).
    Personal data: pseudonymous (learner id only; classified internal).
    """

    model_config = ConfigDict(
        title="ExternalCourseCompletedV1",
        json_schema_extra={
            "examples": [
                {
                    "learner_id": EXAMPLE_LEARNER_ID,
                    "course_ref": "https://lms.hanoi.example/courses/first-aid",
                    "outcome": "passed",
                    "hours": 12,
                    "completed_at": "2027-04-10T09:30:00+07:00",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.city.external_course.completed.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "city.learning-activity"
    aggregate_field: ClassVar[str] = "learner_id"

    course_ref: str = Field(
        min_length=1, max_length=512, description="The city system's id or IRI of the course."
    )
    outcome: Literal["passed", "failed"] = Field(description="How the learner finished.")
    hours: int | None = Field(default=None, ge=0, le=10_000, description="Learning hours, when known.")
    completed_at: AwareDatetime = Field(description="When the course was completed (RFC 3339, with offset).")
