"""In-memory enrolment-count projection and unit of work (use-case tests)."""

from collections.abc import Mapping

import pytest
from servicekit.testing import FakeRepository, FakeUnitOfWork


class FakeEnrolmentCounts(FakeRepository[str, int]):
    async def add(self, per_course: Mapping[str, int]) -> None:
        for course, n in per_course.items():
            self.items[course] = self.items.get(course, 0) + n

    async def all(self) -> dict[str, int]:
        return dict(self.items)


class FakeReportingUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.enrolment_counts = FakeEnrolmentCounts(self)


@pytest.fixture
def uow() -> FakeReportingUnitOfWork:
    return FakeReportingUnitOfWork()
