"""``vn.hanoi.learningcity.content.course.published.v1``: a course was published in the catalogue."""

from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class CourseTheme(StrEnum):
    """Learning theme a course belongs to in the city's catalogue."""

    AGRICULTURE = "agriculture"
    HEALTH = "health"
    CULTURE = "culture"
    LAW = "law"
    CLIMATE_CHANGE = "climate_change"
    BIODIVERSITY_CONSERVATION = "biodiversity_conservation"
    DISASTER_PREVENTION = "disaster_prevention"
    TEACHER_PROFESSIONAL_STANDARD = "teacher_professional_standard"
    VOCATIONAL_TRAINING = "vocational_training"
    DIGITAL_SKILLS = "digital_skills"
    LANGUAGES = "languages"


class DeliveryMode(StrEnum):
    """How a course is delivered to learners."""

    ONLINE = "online"
    DISTANCE = "distance"
    IN_PERSON = "in_person"
    BLENDED = "blended"


class CoursePublishedV1(EventModel):
    """A course was published in the learning city catalogue and is open for enrolment.

    Superseded by ``course.published.v2`` (no capacity: seats belong to offerings). Content still emits
    v1 beside v2 while enrolment and the end-to-end test consume it: ``capacity`` is then always null
    (unlimited) and ``title_en`` repeats the Vietnamese title when the course has no English one.
    """

    model_config = ConfigDict(
        title="CoursePublishedV1",
        json_schema_extra={
            "examples": [
                {
                    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
                    "code": "NN-SH-101",
                    "title_vi": "Canh tác lúa hữu cơ cho nông hộ",
                    "title_en": "Organic rice farming for smallholders",
                    "theme": "agriculture",
                    "delivery_mode": "blended",
                    "capacity": 40,
                    "published_at": "2026-02-02T01:30:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.course.published.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.courses"
    aggregate_field: ClassVar[str] = "course_id"

    course_id: UUID = Field(description="Id of the course; the aggregate id and Kafka message key.")
    code: str = Field(
        description="Short catalogue code shown to learners, upper-case letters, digits and hyphens.",
        min_length=1,
        max_length=32,
        pattern=r"^[A-Z0-9][A-Z0-9-]*$",
    )
    title_vi: str = Field(description="Course title in Vietnamese.", min_length=1, max_length=300)
    title_en: str = Field(description="Course title in English.", min_length=1, max_length=300)
    theme: CourseTheme = Field(description="Learning theme the course belongs to.")
    delivery_mode: DeliveryMode = Field(description="How the course is delivered.")
    capacity: int | None = Field(
        default=None, ge=1, description="Maximum number of confirmed learners; null means unlimited."
    )
    published_at: AwareDatetime = Field(description="When the course was published (RFC 3339, with offset).")
