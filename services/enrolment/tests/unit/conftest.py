"""In-memory enrolment repositories and unit of work (use-case tests), with the clock and ids."""

from datetime import UTC, datetime
from uuid import UUID

import pytest
from enrolment.app.learner_query import LearnerFilter, LearnerPage, PageKey
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
    def __init__(self, uow: FakeUnitOfWork) -> None:
        super().__init__(uow)
        self.registered_at: dict[UUID, datetime] = {}

    async def page(self, wanted: LearnerFilter, after: PageKey | None, limit: int) -> LearnerPage:
        keyed = sorted((self.registered_at[k], k) for k, x in self.items.items() if _matches(x, wanted))
        keyed = [key for key in keyed if after is None or key > (after.registered_at, after.learner_id)]
        items = [self.seen(self.items[k]) for _, k in keyed[:limit]]
        last = keyed[limit - 1] if len(keyed) > limit else None
        return LearnerPage(items, PageKey(*last) if last else None)

    async def save(self, learner: Learner, now: datetime) -> None:
        self.registered_at.setdefault(learner.id, now)
        hashed = learner.national_id_hash
        if hashed and any(k.national_id_hash == hashed and k.id != learner.id for k in self.items.values()):
            raise DuplicateNationalId()
        self.items[learner.id] = self.seen(learner)

    async def get(self, learner_id: UUID) -> Learner | None:
        found = self.items.get(learner_id)
        return self.seen(found) if found else None


def _matches(learner: Learner, wanted: LearnerFilter) -> bool:
    d = learner.dimensions
    return not learner.erased and all(
        [
            wanted.locality_code in (None, d.locality_code),
            wanted.localities is None or d.locality_code in wanted.localities,
            wanted.sex in (None, d.sex),
            wanted.learner_type in (None, d.learner_type),
            wanted.support_category is None or wanted.support_category in d.support_categories,
        ]
    )


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
