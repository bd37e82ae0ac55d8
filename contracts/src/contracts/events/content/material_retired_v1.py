"""``vn.hanoi.learningcity.content.material.retired.v1``: a learning material was withdrawn."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class MaterialRetiredV1(EventModel):
    """A learning material was withdrawn from its course (keyed by the course)."""

    model_config = ConfigDict(
        title="MaterialRetiredV1",
        json_schema_extra={
            "examples": [
                {
                    "material_id": "5c0e7a4e-9d1b-4b8e-8f1a-3a2b1c0d9e8f",
                    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
                    "retired_at": "2027-06-30T10:00:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.material.retired.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.courses"
    aggregate_field: ClassVar[str] = "course_id"

    material_id: UUID = Field(description="Id of the material.")
    course_id: UUID = Field(description="Id of the course it belonged to; the Kafka message key.")
    retired_at: AwareDatetime = Field(description="When it was withdrawn (RFC 3339, with offset).")
