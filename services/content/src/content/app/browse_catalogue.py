"""Use cases: the public catalogue (published, not retired courses only): one course, or a page of them."""

from uuid import UUID

from content.app.ports import CatalogueEntry, CatalogueQuery, UnitOfWork
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
