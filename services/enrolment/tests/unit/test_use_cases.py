"""Enrolment's use cases on in-memory fakes: what is saved, what is announced, what is refused."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from enrolment.app.enrol_learner import EnrolLearner, enrol_learner
from enrolment.app.open_course import open_course
from enrolment.app.read_enrolment import read_enrolment
from enrolment.domain.enrolment import AlreadyEnrolled, CourseFull, CourseNotOpen, EnrolmentConfirmed

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # the fixed clock of conftest


async def test_enrols_with_the_injected_id_and_time_and_announces_the_confirmation(uow, deps):
    course, learner = uuid4(), uuid4()
    await open_course(course, 2, uow)

    enrolment = await enrol_learner(EnrolLearner(course, learner, "00004"), uow, deps)

    assert (enrolment.id, enrolment.confirmed_at) == (UUID(int=1), NOW)
    assert uow.enrolments.items[enrolment.id] == enrolment
    assert uow.courses.items[course].confirmed == 1
    assert uow.published == [EnrolmentConfirmed(UUID(int=1), course, learner, "00004", NOW)]


async def test_refuses_a_course_that_is_not_open(uow, deps):
    with pytest.raises(CourseNotOpen):
        await enrol_learner(EnrolLearner(uuid4(), uuid4()), uow, deps)

    assert uow.published == []


async def test_a_full_course_refuses_and_nothing_is_announced(uow, deps):
    course = uuid4()
    await open_course(course, 1, uow)
    await enrol_learner(EnrolLearner(course, uuid4()), uow, deps)

    with pytest.raises(CourseFull):
        await enrol_learner(EnrolLearner(course, uuid4()), uow, deps)

    assert len(uow.published) == 1
    assert uow.courses.items[course].confirmed == 1


async def test_a_second_place_for_the_same_learner_rolls_back_the_count(uow, deps):
    course, learner = uuid4(), uuid4()
    await open_course(course, 5, uow)
    await enrol_learner(EnrolLearner(course, learner), uow, deps)

    with pytest.raises(AlreadyEnrolled):
        await enrol_learner(EnrolLearner(course, learner), uow, deps)

    assert uow.courses.items[course].confirmed == 1
    assert len(uow.published) == 1


async def test_reopening_a_course_keeps_the_places_taken(uow, deps):
    course = uuid4()
    await open_course(course, 1, uow)
    await enrol_learner(EnrolLearner(course, uuid4()), uow, deps)

    await open_course(course, 3, uow)

    assert (uow.courses.items[course].capacity, uow.courses.items[course].confirmed) == (3, 1)


async def test_reading_an_enrolment_announces_nothing(uow, deps):
    course = uuid4()
    await open_course(course, None, uow)
    enrolment = await enrol_learner(EnrolLearner(course, uuid4()), uow, deps)

    assert await read_enrolment(enrolment.id, uow) == enrolment
    assert await read_enrolment(uuid4(), uow) is None
    assert len(uow.published) == 1
