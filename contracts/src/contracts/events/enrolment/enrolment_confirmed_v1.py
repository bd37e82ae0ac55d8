"""``vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1``: a learner's place on a course was confirmed.

Retired: superseded by ``enrolment.confirmed.v2`` (offering id and the learner's dimensions from their
record) and ``enrolment.promoted.v1``. Enrolment no longer emits it and no service reads it; it stays
published because records of it remain on the keep-forever topic, and the catalogue marks it deprecated.
(Said here, not in the class docstring, so the published schema stays frozen.)
"""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class EnrolmentConfirmedV1(EventModel):
    """A learner's enrolment on a course was confirmed (a place was allocated).

    Personal data: the learner is identified only by a pseudonymous id, never by name or contact details,
    but a pseudonymous id is still personal data under VN-PDPL.
    """

    model_config = ConfigDict(
        title="EnrolmentConfirmedV1",
        json_schema_extra={
            "examples": [
                {
                    "enrolment_id": "5c2a9d4e-1f3b-4a6c-8e7d-9b0a1c2d3e4f",
                    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
                    "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
                    "confirmed_at": "2026-02-03T02:15:00Z",
                    "locality_code": "00004",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"
    superseded_by: ClassVar[str | None] = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v2"

    enrolment_id: UUID = Field(description="Id of the enrolment; the aggregate id and Kafka message key.")
    course_id: UUID = Field(description="Id of the course the learner is enrolled on.")
    learner_id: UUID = Field(
        description="Pseudonymous id of the learner; no name or contact details travel in events."
    )
    confirmed_at: AwareDatetime = Field(
        description="When the enrolment was confirmed (RFC 3339, with offset)."
    )
    locality_code: str | None = Field(
        default=None,
        pattern=r"^[0-9]{5}$",
        description=(
            "GSO code (5 digits, 2025 code system) of the commune-level administrative unit where the "
            "learner lives, for local reporting; null when unknown."
        ),
    )
