"""``vn.hanoi.learningcity.enrolment.enrolment.dropped.v1``: an active learner stopped following."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class EnrolmentDroppedV1(EventModel, EnrolmentFacts):
    """Staff recorded that an active learner stopped following the offering.

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="EnrolmentDroppedV1",
        json_schema_extra={"examples": [{**EXAMPLE_FACTS, "dropped_at": "2027-03-01T02:15:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.dropped.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    dropped_at: AwareDatetime = Field(description="When the drop was recorded (RFC 3339, with offset).")
