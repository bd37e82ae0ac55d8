"""``vn.hanoi.learningcity.enrolment.progress.recorded.v1``: a learner's progress on an offering rose."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class ProgressRecordedV1(EventModel, EnrolmentFacts):
    """A learner's progress on an offering rose (progress only rises; repeated reports change nothing).

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="ProgressRecordedV1",
        json_schema_extra={
            "examples": [{**EXAMPLE_FACTS, "percent": 40, "recorded_at": "2027-03-01T02:15:00Z"}]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.progress.recorded.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    percent: int = Field(ge=0, le=100, description="Progress through the offering, in percent.")
    recorded_at: AwareDatetime = Field(description="When the progress was recorded (RFC 3339, with offset).")
