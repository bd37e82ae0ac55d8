"""What content's use cases need from the outside world, as protocols, and the catalogue's read shapes."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from content.domain.course import Course, Origin
from content.domain.course_content import CourseContent
from content.domain.material import Material, MaterialFile
from content.domain.offering import Offering


class Courses(Protocol):
    """Courses being authored and published."""

    async def add(self, course: Course) -> None:
        """Insert a new course; a taken code raises CourseRuleBroken."""

    async def get(self, course_id: UUID) -> Course | None:
        """A course, or None."""

    async def save(self, course: Course) -> None:
        """Write back a course read on this transaction (and its new published version, if any)."""

    async def by_code(self, code: str) -> Course | None:
        """The course with this catalogue code, or None."""


class Offerings(Protocol):
    """Scheduled runs of courses."""

    async def add(self, offering: Offering) -> None:
        """Insert a new offering."""

    async def get(self, offering_id: UUID) -> Offering | None:
        """An offering, or None."""

    async def save(self, offering: Offering) -> None:
        """Write back an offering read on this transaction."""

    async def of_course(self, course_id: UUID) -> list[Offering]:
        """Every offering of a course."""


class Materials(Protocol):
    """Learning materials of courses."""

    async def add(self, material: Material) -> None:
        """Insert a new material."""

    async def get(self, material_id: UUID) -> Material | None:
        """A material, or None."""

    async def save(self, material: Material) -> None:
        """Write back a material read on this transaction."""

    async def of_course(self, course_id: UUID) -> list[Material]:
        """The published (not retired) materials of a course, oldest first."""


@dataclass(frozen=True)
class CatalogueQuery:
    """A public catalogue request: filters (None: any), optional search text, a page after a cursor."""

    limit: int
    text: str | None = None
    theme: str | None = None
    audience: str | None = None
    delivery_mode: str | None = None
    locality_code: str | None = None
    language: str | None = None
    upcoming_from: date | None = None  # only courses with an open offering starting on or after this day
    after: tuple[float, str] | None = None  # keyset cursor: (rank or publication time, course id)


@dataclass(frozen=True)
class CatalogueEntry:
    """A published course as the public sees it, with the keyset position it was found at."""

    course_id: UUID
    code: str
    provider: str
    version: int
    content: CourseContent
    published_at: datetime
    position: tuple[float, str]
    origin: Origin | None = None


@dataclass(frozen=True)
class FeedEntry:
    """A published course as partner cities harvest it: its public version and its materials."""

    course: CatalogueEntry
    materials: list[MaterialFile]


class CatalogueVersion(Protocol):
    """The catalogue's version now: it moves with every committed change to courses or offerings."""

    async def __call__(self) -> int: ...


class Catalogue(Protocol):
    """The public, read-only view of published courses."""

    async def harvest(self, limit: int, after: tuple[datetime, UUID] | None) -> list[FeedEntry]:
        """Published courses by (publication time, id), after a position: what changed since a harvest."""

    async def find(self, query: CatalogueQuery) -> list[CatalogueEntry]:
        """One page of published courses, best match (or newest) first."""

    async def published(self, course_id: UUID) -> CatalogueEntry | None:
        """The published version of a course that is not retired, or None."""


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over content's repositories."""

    @property
    def courses(self) -> Courses:
        """Courses, on this transaction."""
        ...

    @property
    def offerings(self) -> Offerings:
        """Offerings, on this transaction."""
        ...

    @property
    def materials(self) -> Materials:
        """Materials, on this transaction."""
        ...

    @property
    def catalogue(self) -> Catalogue:
        """The public catalogue, on this transaction."""
        ...
