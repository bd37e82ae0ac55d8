"""``vn.hanoi.learningcity.enrolment.learner.erased.v1``: a learner's personal data was erased."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class LearnerErasedV1(EventModel):
    """A learner's personal data was erased: consumers forget what they hold of the learner (contacts,
    messages) and keep only anonymous counts."""

    model_config = ConfigDict(
        title="LearnerErasedV1",
        json_schema_extra={
            "examples": [
                {"learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21", "erased_at": "2026-11-30T03:00:00Z"}
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.learner.erased.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.learners"
    aggregate_field: ClassVar[str] = "learner_id"

    learner_id: UUID = Field(description="Pseudonymous id of the learner; the aggregate id and message key.")
    erased_at: AwareDatetime = Field(description="When the personal data was erased (RFC 3339, with offset).")
