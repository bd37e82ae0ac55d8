"""What reporting's use cases need from the outside world, as protocols."""

from collections.abc import Mapping
from typing import Protocol

from servicekit.ports import UnitOfWorkPort


class EnrolmentCounts(Protocol):
    """Confirmed enrolments per course (a projection rebuilt from enrolment events)."""

    async def add(self, per_course: Mapping[str, int]) -> None:
        """Increase the counts."""

    async def all(self) -> dict[str, int]:
        """Every course's count."""


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over reporting's projections."""

    @property
    def enrolment_counts(self) -> EnrolmentCounts:
        """The enrolment-count projection, on this transaction."""
        ...
