"""Public HTTP API of the catalogue (no login): filter, search with or without diacritics, page, ETag."""

from typing import Annotated
from uuid import UUID

from contracts.events.content import CourseTheme, DeliveryMode
from fastapi import APIRouter, Query, Request
from servicekit.http import cursors
from servicekit.http.limits import Limit
from servicekit.http.pages import CursorQuery, Page
from servicekit.ports import Dependencies
from starlette.responses import Response

from content.app.browse_catalogue import find_courses, read_published
from content.app.ports import CatalogueQuery, UnitOfWork
from content.domain.reference import hanoi_date
from content.entrypoints.access import Uow
from content.entrypoints.conditional import etagged, rendered
from content.entrypoints.course_schema import CourseView
from content.entrypoints.page_cache import RenderedPage

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
    deps: Dependencies = request.app.state.deps  # not FastAPI dependencies: a kept page needs neither
    after = cursors.decode(cursor or None, float, UUID)  # an empty cursor is the first page, as before
    query = CatalogueQuery(
        limit,
        " ".join((q or "").lower().split()) or None,  # one cache entry for `Nong  Nghiep` and `nong nghiep`
        theme.value if theme else None,
        audience,
        delivery_mode.value if delivery_mode else None,
        locality,
        language,
        hanoi_date(deps.clock.now()) if upcoming else None,
        (after[0], str(after[1])) if after else None,
    )
    if query.upcoming_from is None:  # "upcoming" reads the date: its query string's key changes daily
        request.app.state.catalogue_queries.learn(request.scope, query)
    pages = request.app.state.catalogue_pages
    return etagged(request, await pages.page(query, lambda: _page(query, request)))


@router.get("/{course_id}", summary="The published version of a course", response_model=CourseView)
async def read(course_id: UUID, request: Request, uow: Uow) -> Response:
    return etagged(request, CourseView.of_entry(await read_published(course_id, uow)))


async def _page(query: CatalogueQuery, request: Request) -> RenderedPage:
    """The page found and rendered now, in a unit of work of its own (only a page not kept needs one)."""
    uow: UnitOfWork = request.app.state.runtime.uow()
    found = await find_courses(query, uow)
    last = found[-1].position if len(found) == query.limit else None
    following = cursors.encode(last[0], UUID(last[1])) if last else None
    return rendered(CoursePage(items=[CourseView.of_entry(e) for e in found], next_cursor=following))
