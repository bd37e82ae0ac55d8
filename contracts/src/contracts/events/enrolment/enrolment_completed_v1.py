"""``vn.hanoi.learningcity.enrolment.enrolment.completed.v1``: a learner completed an offering."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts


class EnrolmentCompletedV1(EventModel, EnrolmentFacts):
    """A learner completed an offering, with an outcome and, when one was awarded, a certificate id.

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="EnrolmentCompletedV1",
        json_schema_extra={
            "examples": [
                {
                    **EXAMPLE_FACTS,
                    "outcome": "passed",
                    "certificate_id": "HN-2027-000123",
                    "completed_at": "2027-03-01T02:15:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.completed.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    outcome: str = Field(min_length=1, max_length=40, description="The outcome, e.g. passed or failed.")
    certificate_id: str | None = Field(
        default=None, max_length=80, description="Id of the certificate awarded; null when none."
    )
    completed_at: AwareDatetime = Field(
        description="When the completion was recorded (RFC 3339, with offset)."
    )
