"""``vn.hanoi.learningcity.content.course.retired.v1``: a course left the catalogue."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class CourseRetiredV1(EventModel):
    """A course was retired: it takes no new offerings, and its open offerings were closed (each announced
    on `content.offerings`)."""

    model_config = ConfigDict(
        title="CourseRetiredV1",
        json_schema_extra={
            "examples": [
                {
                    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
                    "version": 2,
                    "retired_at": "2027-06-30T10:00:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.course.retired.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.courses"
    aggregate_field: ClassVar[str] = "course_id"

    course_id: UUID = Field(description="Id of the course; the aggregate id and Kafka message key.")
    version: int = Field(ge=1, description="The last published version, now retired.")
    retired_at: AwareDatetime = Field(description="When the course was retired (RFC 3339, with offset).")
