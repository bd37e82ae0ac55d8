"""The open catalogue feed partner cities harvest (no login): published courses with their materials and
licences, a stable JSON schema, pages in publication order so a harvest resumes where it stopped."""

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter
from servicekit.http import cursors
from servicekit.http.limits import Limit
from servicekit.http.pages import CursorQuery, Page

from content.app.browse_catalogue import harvest_feed
from content.app.ports import FeedEntry
from content.entrypoints.access import Uow
from content.entrypoints.course_schema import CourseView
from content.entrypoints.material_api import MaterialBody

router = APIRouter(prefix="/v1/feed", tags=["feed"])


class FeedMaterial(MaterialBody):
    """A published material of the course: where it is, its checksum, language and licence (SPDX)."""


class FeedCourse(CourseView):
    """A published course with its materials, as partner cities receive it."""

    materials: list[FeedMaterial]

    @classmethod
    def of_feed(cls, entry: FeedEntry) -> "FeedCourse":
        materials = [FeedMaterial(**vars(m)) for m in entry.materials]
        return cls(**CourseView.of_entry(entry.course).model_dump(), materials=materials)


class CourseFeedPage(Page[FeedCourse]):
    """A page of the feed, least recently published first; keep `next_cursor` to harvest what changes
    later (a course published again comes back with its new version)."""


@router.get(
    "/courses",
    summary="The open catalogue feed for partner cities: published courses with materials and licences",
)
async def courses(uow: Uow, limit: Limit = 100, cursor: CursorQuery = None) -> CourseFeedPage:
    after = cursors.decode(cursor, datetime, UUID)
    found = await harvest_feed(limit, (after[0], after[1]) if after else None, uow)
    last = found[-1].course if len(found) == limit else None
    following = cursors.encode(last.published_at, last.course_id) if last else None
    return CourseFeedPage(items=[FeedCourse.of_feed(e) for e in found], next_cursor=following)
