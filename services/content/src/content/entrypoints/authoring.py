"""HTTP API for authors: course drafts, publishing versions, retiring (provider: own courses only)."""

from uuid import UUID

from fastapi import APIRouter

from content.app.author_course import (
    ChangeCourseStatus,
    CreateCourse,
    EditCourse,
    create_course,
    edit_course,
    publish_course,
    read_draft,
    retire_course,
)
from content.domain.course import NotYourCourse
from content.entrypoints.access import AuthorOf, Deps, Ref, Uow
from content.entrypoints.course_schema import AuthoredCourseView, CourseBody, NewCourseBody

router = APIRouter(prefix="/v1/courses", tags=["authoring"])


@router.post("", status_code=201, summary="Create a course draft")
async def create(body: NewCourseBody, uow: Uow, deps: Deps, ref: Ref, author: AuthorOf) -> AuthoredCourseView:
    provider = body.provider or author.provider
    if provider is None:
        provider = "department"
    elif author.provider not in (None, provider):
        raise NotYourCourse("a provider creates courses for itself only")
    command = CreateCourse(body.code, provider, body.content(), author)
    return AuthoredCourseView.of(await create_course(command, uow, deps, ref))


@router.get("/{course_id}/draft", summary="A course with its draft (authors only)")
async def draft(course_id: UUID, uow: Uow, author: AuthorOf) -> AuthoredCourseView:
    return AuthoredCourseView.of(await read_draft(course_id, author, uow))


@router.put("/{course_id}/draft", summary="Replace the draft (a published course keeps its public version)")
async def edit(course_id: UUID, body: CourseBody, uow: Uow, ref: Ref, author: AuthorOf) -> AuthoredCourseView:
    return AuthoredCourseView.of(await edit_course(EditCourse(course_id, body.content(), author), uow, ref))


@router.post("/{course_id}/publish", summary="Publish the draft as the course's next version")
async def publish(course_id: UUID, uow: Uow, deps: Deps, author: AuthorOf) -> AuthoredCourseView:
    return AuthoredCourseView.of(await publish_course(ChangeCourseStatus(course_id, author), uow, deps))


@router.post("/{course_id}/retire", summary="Retire the course and close its offerings")
async def retire(course_id: UUID, uow: Uow, deps: Deps, author: AuthorOf) -> AuthoredCourseView:
    return AuthoredCourseView.of(await retire_course(ChangeCourseStatus(course_id, author), uow, deps))
