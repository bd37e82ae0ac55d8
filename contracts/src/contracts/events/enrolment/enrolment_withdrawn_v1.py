"""``vn.hanoi.learningcity.enrolment.enrolment.withdrawn.v1``: a learner withdrew from an offering."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class EnrolmentWithdrawnV1(EventModel, EnrolmentFacts):
    """A learner withdrew from an offering (from a seat or from the waitlist).

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="EnrolmentWithdrawnV1",
        json_schema_extra={"examples": [{**EXAMPLE_FACTS, "withdrawn_at": "2027-03-01T02:15:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.withdrawn.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    withdrawn_at: AwareDatetime = Field(description="When the learner withdrew (RFC 3339, with offset).")
