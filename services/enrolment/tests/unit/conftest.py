"""In-memory enrolment repositories and unit of work (use-case tests), with the clock and ids."""

from datetime import UTC, datetime
from uuid import UUID

import pytest
from enrolment.domain.enrolment import AlreadyEnrolled, Enrolment, OpenCourse
from enrolment.domain.learner import DuplicateNationalId, Learner
from enrolment.domain.teacher import TeacherProfile
from servicekit.ports import Dependencies
from servicekit.testing import FakeRepository, FakeUnitOfWork, FixedClock, SequentialIds


class FakeOpenCourses(FakeRepository[UUID, OpenCourse]):
    async def upsert(self, course: OpenCourse) -> None:
        known = self.items.get(course.id)
        self.items[course.id] = OpenCourse(course.id, course.capacity, known.confirmed if known else 0)

    async def get_for_update(self, course_id: UUID) -> OpenCourse | None:
        course = self.items.get(course_id)
        return OpenCourse(course.id, course.capacity, course.confirmed) if course else None

    async def save(self, course: OpenCourse) -> None:
        self.items[course.id] = OpenCourse(course.id, course.capacity, course.confirmed)


class FakeEnrolments(FakeRepository[UUID, Enrolment]):
    async def add(self, enrolment: Enrolment) -> None:
        if any(
            (e.learner_id, e.course_id) == (enrolment.learner_id, enrolment.course_id)
            for e in self.items.values()
        ):
            raise AlreadyEnrolled("the learner is already enrolled on this course")
        self.items[enrolment.id] = self.seen(enrolment)

    async def get(self, enrolment_id: UUID) -> Enrolment | None:
        found = self.items.get(enrolment_id)
        return self.seen(found) if found else None


class FakeLearners(FakeRepository[UUID, Learner]):
    async def save(self, learner: Learner, now: datetime) -> None:
        hashed = learner.national_id_hash
        if hashed and any(k.national_id_hash == hashed and k.id != learner.id for k in self.items.values()):
            raise DuplicateNationalId()
        self.items[learner.id] = self.seen(learner)

    async def get(self, learner_id: UUID) -> Learner | None:
        found = self.items.get(learner_id)
        return self.seen(found) if found else None


class FakeTeacherProfiles(FakeRepository[UUID, TeacherProfile]):
    async def save(self, profile: TeacherProfile) -> None:
        self.items[profile.learner_id] = self.seen(profile)

    async def get(self, learner_id: UUID) -> TeacherProfile | None:
        found = self.items.get(learner_id)
        return self.seen(found) if found else None


class FakeEnrolmentUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.courses = FakeOpenCourses(self)
        self.enrolments = FakeEnrolments(self)
        self.learners = FakeLearners(self)
        self.teacher_profiles = FakeTeacherProfiles(self)


NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeEnrolmentUnitOfWork:
    return FakeEnrolmentUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
