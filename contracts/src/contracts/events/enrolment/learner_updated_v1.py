"""``vn.hanoi.learningcity.enrolment.learner.updated.v1``: a learner's dimensions changed."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.learner_dimensions import LearnerDimensions


class LearnerUpdatedV1(EventModel, LearnerDimensions):
    """A learner's statistical dimensions changed (a move, a new support category, ...).

    Personal data: pseudonymous, by dimensions only (classified internal); names, contacts, birth dates,
    ethnic groups and national ids stay in the enrolment service.
    """

    model_config = ConfigDict(
        title="LearnerUpdatedV1",
        json_schema_extra={
            "examples": [
                {
                    "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
                    "sex": "female",
                    "age_band": "25-54",
                    "locality_code": "00004",
                    "ethnic_minority": True,
                    "support_categories": ["ethnic_minority", "near_poor_household", "woman"],
                    "learner_type": "resident",
                    "updated_at": "2026-11-30T03:00:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.learner.updated.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.learners"
    aggregate_field: ClassVar[str] = "learner_id"

    updated_at: AwareDatetime = Field(description="When the change was recorded (RFC 3339, with offset).")
