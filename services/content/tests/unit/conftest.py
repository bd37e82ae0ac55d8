"""In-memory catalogue and unit of work (use-case tests), with a fixed clock and known ids."""

from datetime import UTC, datetime
from uuid import UUID

import pytest
from content.domain.course import Course, CourseRuleBroken
from servicekit.ports import Dependencies
from servicekit.testing import FakeRepository, FakeUnitOfWork, FixedClock, SequentialIds

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)


class FakeCourses(FakeRepository[UUID, Course]):
    async def add(self, course: Course) -> None:
        if any(c.code == course.code for c in self.items.values()):
            raise CourseRuleBroken(f"course code {course.code} is taken")
        self.items[course.id] = self.seen(course)

    async def get(self, course_id: UUID) -> Course | None:
        found = self.items.get(course_id)
        return self.seen(found) if found else None

    async def list_published(self, limit: int, offset: int) -> list[Course]:
        published = [c for c in self.items.values() if c.published_at is not None]
        published.sort(key=lambda c: (-c.published_at.timestamp(), c.id))  # type: ignore[union-attr]
        return published[offset : offset + limit]


class FakeContentUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.courses = FakeCourses(self)


@pytest.fixture
def uow() -> FakeContentUnitOfWork:
    return FakeContentUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
