"""Enrolling a learner on an open course: a confirmed place while there is room."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from enrolment.domain.enrolment import (
    CourseFull,
    Enrolment,
    EnrolmentConfirmed,
    EnrolmentRefused,
    OpenCourse,
)

NOW = datetime(2026, 2, 3, 2, 15, tzinfo=UTC)


def enrol(course: OpenCourse, locality_code: str | None = None) -> Enrolment:
    return course.enrol(uuid4(), uuid4(), locality_code, NOW)


def test_confirms_a_place_and_emits_enrolment_confirmed():
    course, enrolment_id, learner_id = OpenCourse(uuid4(), capacity=2), uuid4(), uuid4()

    enrolment = course.enrol(enrolment_id, learner_id, "00004", NOW)

    assert enrolment == Enrolment(enrolment_id, course.id, learner_id, "00004", "confirmed", NOW)
    assert enrolment.events == [EnrolmentConfirmed(enrolment_id, course.id, learner_id, "00004", NOW)]
    assert course.confirmed == 1


def test_refuses_when_every_place_is_taken_and_takes_no_place():
    course = OpenCourse(uuid4(), capacity=1)
    enrol(course)

    with pytest.raises(CourseFull):
        enrol(course)

    assert course.confirmed == 1


def test_refuses_on_a_course_already_over_capacity():
    course = OpenCourse(uuid4(), capacity=3, confirmed=5)  # capacity was lowered after enrolments

    with pytest.raises(CourseFull):
        enrol(course)


def test_an_unlimited_course_never_fills():
    course = OpenCourse(uuid4(), capacity=None)

    for _ in range(1000):
        enrol(course)

    assert course.confirmed == 1000


@pytest.mark.parametrize("code", ["0004", "000045", "0000A", " 00004", ""])
def test_refuses_a_locality_code_that_is_not_five_digits_and_takes_no_place(code):
    course = OpenCourse(uuid4(), capacity=10)

    with pytest.raises(EnrolmentRefused, match="locality_code"):
        enrol(course, code)

    assert course.confirmed == 0


def test_the_locality_code_is_optional():
    assert enrol(OpenCourse(uuid4(), capacity=None)).locality_code is None
