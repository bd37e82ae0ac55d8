"""``vn.hanoi.learningcity.enrolment.enrolment.waitlisted.v1``: a learner is on a full offering's waitlist."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class EnrolmentWaitlistedV1(EventModel, EnrolmentFacts):
    """A learner asked for a place on a full offering and is on its waitlist.

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="EnrolmentWaitlistedV1",
        json_schema_extra={"examples": [{**EXAMPLE_FACTS, "waitlisted_at": "2027-03-01T02:15:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.waitlisted.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    waitlisted_at: AwareDatetime = Field(
        description="When the learner was waitlisted (RFC 3339, with offset)."
    )
