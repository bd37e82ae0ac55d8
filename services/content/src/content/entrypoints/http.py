"""HTTP API of the content service: publish and read catalogue courses."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from contracts.events.content.course_published_v1 import CourseTheme, DeliveryMode
from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.limits import INT4_MAX, Limit, Offset
from servicekit.http.problems import Problem

from content.adapters.uow import ContentUnitOfWork
from content.app.publish_course import PublishCourse, get_course, publish_course
from content.domain.course import CODE_PATTERN, Course, CourseRuleBroken

router = APIRouter(prefix="/v1/courses", tags=["courses"])
Uow = Annotated[ContentUnitOfWork, Depends(unit_of_work)]


class PublishCourseRequest(BaseModel):
    """A new course to publish in the catalogue."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(
        pattern=CODE_PATTERN.pattern,
        description="Catalogue code, 2-32 upper-case letters, digits and dashes",
        examples=["NN-SH-101"],
    )
    title_vi: str = Field(min_length=1, max_length=300, description="Title in Vietnamese")
    title_en: str = Field(min_length=1, max_length=300, description="Title in English")
    theme: CourseTheme = Field(description="Catalogue theme")
    delivery_mode: DeliveryMode = Field(description="How the course is delivered")
    capacity: int | None = Field(None, ge=1, le=INT4_MAX, strict=True, description="Places; null = unlimited")


class CourseView(BaseModel):
    """A catalogue course."""

    id: UUID
    code: str
    title_vi: str
    title_en: str
    theme: str
    delivery_mode: str
    capacity: int | None
    published_at: datetime | None

    @classmethod
    def of(cls, course: Course) -> "CourseView":
        return cls(**{name: getattr(course, name) for name in cls.model_fields})


@router.post("", status_code=201, summary="Publish a course")
async def publish(
    body: PublishCourseRequest, uow: Uow, _: Annotated[Principal, Depends(require("content-editor", "admin"))]
) -> CourseView:
    try:
        course = await publish_course(PublishCourse(**body.model_dump(mode="json")), uow)
    except CourseRuleBroken as exc:
        raise Problem(409, "Course rule broken", str(exc), "course-rule") from exc
    return CourseView.of(course)


@router.get("/{course_id}", summary="One course")
async def read(course_id: UUID, uow: Uow) -> CourseView:
    course = await get_course(course_id, uow)
    if course is None:
        raise Problem(404, "Course not found", kind="not-found")
    return CourseView.of(course)


@router.get("", summary="Published courses, newest first")
async def list_courses(uow: Uow, limit: Limit = 50, offset: Offset = 0) -> list[CourseView]:
    async with uow:
        return [CourseView.of(c) for c in await uow.courses.list_published(limit, offset)]
