"""``vn.hanoi.learningcity.enrolment.learner_contacts.erased.v1``: forget how to reach a learner."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class LearnerContactsErasedV1(EventModel):
    """The learner was erased: every holder of their contacts deletes them (and what it sent them).

    Sent on the contacts topic rather than relying on ``learner.erased.v1``: on the same topic and key it
    is always read after the learner's last contacts record, and compaction keeps this record, which
    carries no contact, in place of the contacts. Personal data: pseudonymous (learner id only).
    """

    model_config = ConfigDict(
        title="LearnerContactsErasedV1",
        json_schema_extra={
            "examples": [
                {"learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21", "erased_at": "2026-11-30T03:00:00Z"}
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.learner_contacts.erased.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.learner-contacts"
    aggregate_field: ClassVar[str] = "learner_id"

    learner_id: UUID = Field(description="Pseudonymous id of the learner; the aggregate id and message key.")
    erased_at: AwareDatetime = Field(description="When the contacts were erased (RFC 3339, with offset).")
