"""What content's use cases need from the outside world, as protocols."""

from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from content.domain.course import Course


class Courses(Protocol):
    """The course catalogue."""

    async def add(self, course: Course) -> None:
        """Insert a new course; a taken code raises CourseRuleBroken."""

    async def get(self, course_id: UUID) -> Course | None:
        """A course, or None."""

    async def list_published(self, limit: int, offset: int) -> list[Course]:
        """Published courses, newest first."""


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over content's repositories."""

    @property
    def courses(self) -> Courses:
        """The catalogue, on this transaction."""
        ...
