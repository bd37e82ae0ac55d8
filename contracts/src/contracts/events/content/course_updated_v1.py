"""``vn.hanoi.learningcity.content.course.updated.v1``: a new version of a published course was published."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.content.course_details import CourseDetails
from contracts.events.content.course_published_v2 import EXAMPLE


class CourseUpdatedV1(EventModel, CourseDetails):
    """An edit of a published course was published as its next version; carries the whole new state."""

    model_config = ConfigDict(
        title="CourseUpdatedV1",
        json_schema_extra={"examples": [{**EXAMPLE, "version": 2, "updated_at": "2026-03-02T01:30:00Z"}]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.course.updated.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.courses"
    aggregate_field: ClassVar[str] = "course_id"

    updated_at: AwareDatetime = Field(description="When the version was published (RFC 3339, with offset).")
