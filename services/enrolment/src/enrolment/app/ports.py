"""What enrolment's use cases need from the outside world, as protocols."""

from datetime import datetime
from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from enrolment.app.learner_query import LearnerFilter, LearnerPage, PageKey
from enrolment.domain.enrolment import Enrolment, OpenCourse
from enrolment.domain.learner import Learner
from enrolment.domain.teacher import TeacherProfile


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


class Learners(Protocol):
    """Learner records (personal data stays in this service)."""

    async def save(self, learner: Learner, now: datetime) -> None:
        """Insert or update; a national id held by another learner raises DuplicateNationalId."""

    async def get(self, learner_id: UUID) -> Learner | None:
        """A learner, or None."""

    async def page(self, wanted: LearnerFilter, after: PageKey | None, limit: int) -> LearnerPage:
        """Up to `limit` learners (not erased) matching `wanted`, in registration order, after `after`."""
        ...


class TeacherProfiles(Protocol):
    """Teacher profiles of learners who teach."""

    async def save(self, profile: TeacherProfile) -> None:
        """Insert or replace."""

    async def get(self, learner_id: UUID) -> TeacherProfile | None:
        """The learner's teacher profile, or None when they do not teach."""


class NationalIds(Protocol):
    """Turns a national id into the keyed hash that is all the service keeps of it."""

    def hash(self, national_id: str) -> str:
        """The keyed hash."""
        ...


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

    @property
    def learners(self) -> Learners:
        """Learners, on this transaction."""
        ...

    @property
    def teacher_profiles(self) -> TeacherProfiles:
        """Teacher profiles, on this transaction."""
        ...
