"""What enrolment's use cases need from the outside world, as protocols."""

from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from enrolment.domain.enrolment import Enrolment, OpenCourse


class OpenCourses(Protocol):
    """Courses open for enrolment."""

    async def upsert(self, course: OpenCourse) -> None:
        """Open the course, or update its capacity; places taken are kept."""

    async def get_for_update(self, course_id: UUID) -> OpenCourse | None:
        """The course, locked until the transaction ends."""

    async def save(self, course: OpenCourse) -> None:
        """Store the places taken."""


class Enrolments(Protocol):
    """Learners' enrolments."""

    async def add(self, enrolment: Enrolment) -> None:
        """Insert; a second place for the same learner on the same course raises AlreadyEnrolled."""

    async def get(self, enrolment_id: UUID) -> Enrolment | None:
        """An enrolment, or None."""


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over enrolment's repositories."""

    @property
    def courses(self) -> OpenCourses:
        """Open courses, on this transaction."""
        ...

    @property
    def enrolments(self) -> Enrolments:
        """Enrolments, on this transaction."""
        ...
