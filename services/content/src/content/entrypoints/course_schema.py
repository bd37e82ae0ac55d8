"""Request bodies and views of courses: what authors send, what the public and authors read."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from contracts.events.content import CourseTheme, DeliveryMode
from contracts.events.content.offering_details import AudienceRule
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from content.app.ports import CatalogueEntry
from content.domain.audience import rule_as_dict, rule_from_dict
from content.domain.course import CODE_PATTERN, Course, CourseStatus, Origin
from content.domain.course_content import CourseContent

Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


class CourseBody(BaseModel):
    """A version of a course as an author writes it (Vietnamese texts required, English optional)."""

    model_config = ConfigDict(extra="forbid")
    title_vi: str = Field(max_length=300, description="Title in Vietnamese (required)")
    title_en: str | None = Field(None, min_length=1, max_length=300, description="Title in English")
    description_vi: str = Field(max_length=4000, description="Description in Vietnamese (required)")
    description_en: str | None = Field(None, min_length=1, max_length=4000, description="In English")
    theme: str = Field(max_length=64, description="Domain, from the catalogue's reference list")
    delivery_mode: DeliveryMode = Field(description="How the course is delivered")
    duration_hours: int = Field(ge=1, le=10_000, strict=True, description="Expected learning time")
    languages: list[Language] = Field(["vi"], min_length=1, max_length=8, description="ISO 639 codes")
    audience: list[AudienceRule] = Field([], max_length=4, description="Eligibility rules (none: all)")
    learning_outcomes: list[Line] = Field([], max_length=20, description="What learners will be able to do")
    accessibility_notes: list[Line] = Field([], max_length=10, description="e.g. audio for low literacy")

    def content(self) -> CourseContent:
        """The domain's course version."""
        return CourseContent(
            self.title_vi,
            self.title_en,
            self.description_vi,
            self.description_en,
            self.theme,
            self.delivery_mode.value,
            self.duration_hours,
            tuple(self.languages),
            tuple(rule_from_dict(r.model_dump()) for r in self.audience),
            tuple(self.learning_outcomes),
            tuple(self.accessibility_notes),
        )


class NewCourseBody(CourseBody):
    """A new course draft."""

    code: str = Field(pattern=CODE_PATTERN.pattern, description="Catalogue code", examples=["NN-SH-101"])
    provider: str | None = Field(
        None,
        pattern=r"^[a-z0-9][a-z0-9-]{1,63}$",
        description="Provider id (department only; default: caller)",
    )


class OriginView(BaseModel):
    """Where a partner city's course comes from (absent for Hanoi's own courses)."""

    city: str = Field(description="The partner city, e.g. a member of UNESCO's learning-cities network")
    url: str = Field(description="HTTPS address of the partner's catalogue")
    original_id: str = Field(description="The course's id in the partner's catalogue")

    @classmethod
    def of(cls, origin: Origin | None) -> "OriginView | None":
        return None if origin is None else cls(**vars(origin))


class CourseVersionView(BaseModel):
    """One version of a course's texts and choices."""

    title_vi: str
    title_en: str | None
    description_vi: str
    description_en: str | None
    theme: CourseTheme = Field(description="Domain, from the catalogue's reference list")
    delivery_mode: DeliveryMode
    duration_hours: int
    languages: list[str]
    audience: list[AudienceRule] = Field(description="Eligibility rules (none: all)")
    learning_outcomes: list[str]
    accessibility_notes: list[str]

    @classmethod
    def of(cls, content: CourseContent) -> "CourseVersionView":
        return cls(**{**vars(content), "audience": [rule_as_dict(r) for r in content.audience]})


class CourseView(CourseVersionView):
    """A published course, as anyone may read it."""

    id: UUID
    code: str
    provider: str
    version: int
    published_at: datetime
    origin: OriginView | None = Field(None, description="A partner city's course: where it comes from")

    @classmethod
    def of_entry(cls, entry: CatalogueEntry) -> "CourseView":
        version = CourseVersionView.of(entry.content).model_dump()
        return cls(
            **version,
            id=entry.course_id,
            code=entry.code,
            provider=entry.provider,
            version=entry.version,
            published_at=entry.published_at,
            origin=OriginView.of(entry.origin),
        )


class AuthoredCourseView(BaseModel):
    """A course as its authors see it: lifecycle, the public version and the pending draft."""

    id: UUID
    code: str
    provider: str
    status: CourseStatus
    version: int
    draft: CourseVersionView | None
    published: CourseVersionView | None
    published_at: datetime | None
    origin: OriginView | None = Field(None, description="A partner city's course: where it comes from")

    @classmethod
    def of(cls, course: Course) -> "AuthoredCourseView":
        return cls(
            id=course.id,
            code=course.code,
            provider=course.provider,
            status=course.status,
            version=course.version,
            draft=CourseVersionView.of(course.draft) if course.draft else None,
            published=CourseVersionView.of(course.published) if course.published else None,
            published_at=course.published_at,
            origin=OriginView.of(course.origin),
        )
