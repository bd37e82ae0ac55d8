"""Use cases: the public catalogue (published, not retired courses): one course, a page, the open feed."""

from datetime import datetime
from uuid import UUID

from content.app.ports import CatalogueEntry, CatalogueQuery, FeedEntry, UnitOfWork
from content.domain.course import CourseNotFound


async def read_published(course_id: UUID, uow: UnitOfWork) -> CatalogueEntry:
    """The published version of a course; drafts and retired courses are not found."""
    async with uow:
        entry = await uow.catalogue.published(course_id)
    if entry is None:
        raise CourseNotFound("no published course with this id")
    return entry


async def find_courses(query: CatalogueQuery, uow: UnitOfWork) -> list[CatalogueEntry]:
    """One page of the catalogue, best match first for a text search, else newest first."""
    async with uow:
        return await uow.catalogue.find(query)


async def harvest_feed(limit: int, after: tuple[datetime, UUID] | None, uow: UnitOfWork) -> list[FeedEntry]:
    """One page of the open feed: published courses with their materials, least recently published first,
    so a partner city resuming from its last position gets exactly what was published or changed since."""
    async with uow:
        return await uow.catalogue.harvest(limit, after)
