"""``vn.hanoi.learningcity.enrolment.enrolment.confirmed.v2``: a learner got a seat on request."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class EnrolmentConfirmedV2(EventModel, EnrolmentFacts):
    """A learner's enrolment on an offering was confirmed on request: a seat was free for them.

    Supersedes ``enrolment.confirmed.v1`` (which named only a course and a caller-typed locality); a
    waitlisted learner who later gets a seat is announced by ``enrolment.promoted.v1`` instead.

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="EnrolmentConfirmedV2",
        json_schema_extra={"examples": [{**EXAMPLE_FACTS, "confirmed_at": "2027-03-01T02:15:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v2"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    confirmed_at: AwareDatetime = Field(
        description="When the enrolment was confirmed (RFC 3339, with offset)."
    )
