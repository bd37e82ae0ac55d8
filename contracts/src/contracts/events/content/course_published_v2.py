"""``vn.hanoi.learningcity.content.course.published.v2``: a course was published for the first time."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field, JsonValue

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.content.course_details import CourseDetails

EXAMPLE: dict[str, JsonValue] = {
    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
    "version": 1,
    "code": "NN-SH-101",
    "provider": "gdtx-soc-son",
    "title_vi": "Canh tác lúa hữu cơ cho nông hộ",
    "title_en": "Organic rice farming for smallholders",
    "theme": "agriculture",
    "delivery_mode": "blended",
    "audience": [],
    "duration_hours": 24,
    "languages": ["vi"],
}


class CoursePublishedV2(EventModel, CourseDetails):
    """A course was published in the catalogue (version 1). Unlike v1 it carries no capacity: seats
    belong to the course's offerings (`content.offerings`). Carries the whole published state."""

    model_config = ConfigDict(
        title="CoursePublishedV2",
        json_schema_extra={"examples": [{**EXAMPLE, "published_at": "2026-02-02T01:30:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.course.published.v2"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.courses"
    aggregate_field: ClassVar[str] = "course_id"

    published_at: AwareDatetime = Field(description="When the course was published (RFC 3339, with offset).")
