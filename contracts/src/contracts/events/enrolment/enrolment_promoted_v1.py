"""``vn.hanoi.learningcity.enrolment.enrolment.promoted.v1``: a waitlisted learner got a freed seat."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class EnrolmentPromotedV1(EventModel, EnrolmentFacts):
    """A waitlisted learner got a seat that was freed (a withdrawal): the enrolment is now confirmed.

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="EnrolmentPromotedV1",
        json_schema_extra={"examples": [{**EXAMPLE_FACTS, "promoted_at": "2027-03-01T02:15:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.promoted.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    promoted_at: AwareDatetime = Field(description="When the seat was given (RFC 3339, with offset).")
