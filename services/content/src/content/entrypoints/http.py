"""HTTP API of the content service: publish and read catalogue courses."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from contracts.events.content.course_published_v1 import CourseTheme, DeliveryMode
from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.limits import INT4_MAX, Limit, Offset
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from content.app.browse_catalogue import list_published, read_course
from content.app.ports import UnitOfWork
from content.app.publish_course import PublishCourse, publish_course
from content.domain.course import CODE_PATTERN, Course

router = APIRouter(prefix="/v1/courses", tags=["courses"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]


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
    body: PublishCourseRequest,
    uow: Uow,
    deps: Deps,
    _: Annotated[Principal, Depends(require("content-editor", "admin"))],
) -> CourseView:
    return CourseView.of(await publish_course(PublishCourse(**body.model_dump(mode="json")), uow, deps))


@router.get("/{course_id}", summary="One course")
async def read(course_id: UUID, uow: Uow) -> CourseView:
    course = await read_course(course_id, uow)
    if course is None:
        raise Problem(404, "Course not found", kind="not-found")
    return CourseView.of(course)


@router.get("", summary="Published courses, newest first")
async def list_courses(uow: Uow, limit: Limit = 50, offset: Offset = 0) -> list[CourseView]:
    return [CourseView.of(c) for c in await list_published(limit, offset, uow)]
