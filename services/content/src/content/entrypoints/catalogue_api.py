"""Public HTTP API of the catalogue (no login): filter, search with or without diacritics, page, ETag."""

import base64
import binascii
import json
from typing import Annotated
from uuid import UUID

from contracts.events.content import CourseTheme, DeliveryMode
from fastapi import APIRouter, Query, Request
from servicekit.http.limits import Limit
from servicekit.http.pages import CursorQuery, Page
from servicekit.http.problems import Problem
from starlette.responses import Response

from content.app.browse_catalogue import find_courses, read_published
from content.app.ports import CatalogueQuery
from content.domain.reference import hanoi_date
from content.entrypoints.access import Deps, Uow
from content.entrypoints.conditional import etagged
from content.entrypoints.course_schema import CourseView

router = APIRouter(prefix="/v1/courses", tags=["catalogue"])
Text = Annotated[str | None, Query(max_length=200, description="Search words, with or without diacritics")]


class CoursePage(Page[CourseView]):
    """A page of published courses: best match first when searching, else newest first."""


@router.get(
    "",
    summary="Published courses: best match first when searching, else newest first",
    response_model=CoursePage,
)
async def list_courses(
    request: Request,
    uow: Uow,
    deps: Deps,
    limit: Limit = 50,
    q: Text = None,
    theme: CourseTheme | None = None,
    audience: Annotated[str | None, Query(pattern=r"^[a-z_:]{1,64}$")] = None,
    delivery_mode: DeliveryMode | None = None,
    locality: Annotated[str | None, Query(pattern=r"^[0-9]{5}$")] = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
    upcoming: bool = False,
    cursor: CursorQuery = None,
) -> Response:
    query = CatalogueQuery(
        limit,
        (q or "").strip() or None,
        theme.value if theme else None,
        audience,
        delivery_mode.value if delivery_mode else None,
        locality,
        language,
        hanoi_date(deps.clock.now()) if upcoming else None,
        _decode(cursor) if cursor else None,
    )
    found = await find_courses(query, uow)
    following = _encode(found[-1].position) if len(found) == limit else None
    return etagged(request, CoursePage(items=[CourseView.of_entry(e) for e in found], next_cursor=following))


@router.get("/{course_id}", summary="The published version of a course", response_model=CourseView)
async def read(course_id: UUID, request: Request, uow: Uow) -> Response:
    return etagged(request, CourseView.of_entry(await read_published(course_id, uow)))


def _encode(position: tuple[float, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[float, str]:
    try:
        key, after = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return float(key), str(UUID(after))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise Problem(422, "Invalid cursor", "use the previous page's next_cursor", "invalid-cursor") from exc
