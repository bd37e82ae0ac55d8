"""The published state of a course that every course event after v1 carries (published, updated)."""

from uuid import UUID

from pydantic import BaseModel, Field

from contracts.events.content.course_published_v1 import CourseTheme, DeliveryMode
from contracts.events.content.offering_details import AudienceRule


class CourseOrigin(BaseModel):
    """Where a partner city's course comes from (UNESCO learning-cities cooperation)."""

    city: str = Field(description="The partner city.", min_length=1, max_length=200)
    url: str = Field(description="HTTPS address of the partner's catalogue.", max_length=2000)
    original_id: str = Field(
        description="The course's id in the partner's catalogue.", min_length=1, max_length=200
    )


class CourseDetails(BaseModel):
    """A published version of a course as other services need it: no capacity (offerings carry seats)."""

    course_id: UUID = Field(description="Id of the course; the aggregate id and Kafka message key.")
    version: int = Field(
        ge=1,
        description=(
            "Published version: 1 when first published, one more per published edit. Consumers keep the "
            "highest version they have seen and ignore an older one."
        ),
    )
    code: str = Field(
        description="Short catalogue code shown to learners, upper-case letters, digits and hyphens.",
        min_length=2,
        max_length=32,
        pattern=r"^[A-Z0-9][A-Z0-9-]*$",
    )
    provider: str = Field(description="Id of the provider that runs the course.", min_length=1, max_length=64)
    title_vi: str = Field(description="Course title in Vietnamese.", min_length=1, max_length=300)
    title_en: str | None = Field(
        default=None, description="Course title in English; null when not translated.", max_length=300
    )
    theme: CourseTheme = Field(description="Learning theme (domain) of the course.")
    delivery_mode: DeliveryMode = Field(description="How the course is delivered.")
    audience: list[AudienceRule] = Field(
        default_factory=list, description="Eligibility rules; a learner must pass every one (none: everyone)."
    )
    duration_hours: int = Field(ge=1, le=10_000, description="Expected learning time in hours.")
    languages: list[str] = Field(
        min_length=1,
        description="Languages of instruction, ISO 639 codes (e.g. vi, en, hmn for Hmong versions).",
    )
    origin: CourseOrigin | None = Field(
        default=None,
        description="A partner city's course: where it comes from; absent or null for Hanoi's own courses.",
    )
