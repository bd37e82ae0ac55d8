"""In-memory courses, offerings and catalogue (use-case tests), with a fixed clock, known ids, reference."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from content.app.ports import CatalogueEntry, CatalogueQuery
from content.domain.course import Course, CourseRuleBroken, CourseStatus
from content.domain.course_content import CourseContent
from content.domain.material import Material
from content.domain.offering import Offering
from content.domain.reference import Reference
from servicekit.ports import Dependencies
from servicekit.testing import FakeRepository, FakeUnitOfWork, FixedClock, SequentialIds

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)
REFERENCE = Reference(frozenset({"agriculture", "health", "digital_skills"}), frozenset({"00004", "00008"}))


def content(**overrides) -> CourseContent:
    values = {
        "title_vi": "Canh tác lúa",
        "title_en": "Rice farming",
        "description_vi": "Kỹ thuật canh tác lúa hữu cơ",
        "description_en": None,
        "theme": "agriculture",
        "delivery_mode": "blended",
        "duration_hours": 12,
    }
    return CourseContent(**{**values, **overrides})


class FakeCourses(FakeRepository[UUID, Course]):
    async def add(self, course: Course) -> None:
        if any(c.code == course.code for c in self.items.values()):
            raise CourseRuleBroken(f"course code {course.code} is taken")
        self.items[course.id] = self.seen(course)

    async def get(self, course_id: UUID) -> Course | None:
        found = self.items.get(course_id)
        return self.seen(found) if found else None

    async def save(self, course: Course) -> None:
        self.items[course.id] = self.seen(course)

    async def by_code(self, code: str) -> Course | None:
        found = [c for c in self.items.values() if c.code == code]
        return self.seen(found[0]) if found else None


class FakeOfferings(FakeRepository[UUID, Offering]):
    async def add(self, offering: Offering) -> None:
        self.items[offering.id] = self.seen(offering)

    async def get(self, offering_id: UUID) -> Offering | None:
        found = self.items.get(offering_id)
        return self.seen(found) if found else None

    async def save(self, offering: Offering) -> None:
        self.items[offering.id] = self.seen(offering)

    async def of_course(self, course_id: UUID) -> list[Offering]:
        return [self.seen(o) for o in self.items.values() if o.details.course_id == course_id]


class FakeMaterials(FakeRepository[UUID, Material]):
    async def add(self, material: Material) -> None:
        self.items[material.id] = self.seen(material)

    async def get(self, material_id: UUID) -> Material | None:
        found = self.items.get(material_id)
        return self.seen(found) if found else None

    async def save(self, material: Material) -> None:
        self.items[material.id] = self.seen(material)

    async def of_course(self, course_id: UUID) -> list[Material]:
        return [m for m in self.items.values() if m.course_id == course_id and not m.retired]


class FakeCatalogue:
    """Published courses newest first (text search is SQL's job: proved by the integration tests)."""

    def __init__(self, courses: FakeCourses) -> None:
        self.courses = courses

    async def published(self, course_id: UUID) -> CatalogueEntry | None:
        course = self.courses.items.get(course_id)
        return _entry(course) if course and course.status is CourseStatus.PUBLISHED else None

    async def find(self, query: CatalogueQuery) -> list[CatalogueEntry]:
        found = [_entry(c) for c in self.courses.items.values() if c.status is CourseStatus.PUBLISHED]
        found = [e for e in found if query.theme in (None, e.content.theme)]
        return sorted(found, key=lambda e: e.position, reverse=True)[: query.limit]


def _entry(course: Course) -> CatalogueEntry:
    assert course.published and course.published_at
    position = (course.published_at.timestamp(), str(course.id))
    return CatalogueEntry(
        course.id,
        course.code,
        course.provider,
        course.version,
        course.published,
        course.published_at,
        position,
    )


class FakeContentUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.courses = FakeCourses(self)
        self.offerings = FakeOfferings(self)
        self.materials = FakeMaterials(self)
        self.catalogue = FakeCatalogue(self.courses)


@pytest.fixture
def uow() -> FakeContentUnitOfWork:
    return FakeContentUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())


@pytest.fixture
def reference() -> Reference:
    """Three domains and two localities."""
    return REFERENCE


@pytest.fixture
def new_content():
    """`new_content(**overrides)`: a valid course version."""
    return content


@pytest.fixture
def new_course():
    """`new_course(code, **overrides)`: a draft course of provider `centre`."""

    def make(code: str = "NN-SH-101", **overrides) -> Course:
        return Course.create(uuid4(), code, "centre", content(**overrides), REFERENCE)

    return make
