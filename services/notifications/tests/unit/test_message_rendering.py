"""Messages to learners, rendered in Vietnamese and English."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from notifications.domain.message import Message, enrolment_confirmed, render


def test_renders_a_template_in_vietnamese_and_english():
    vi, en = render("enrolment-confirmed", course_id="NN-SH-101")

    assert vi == "Bạn đã được xác nhận tham gia khóa học NN-SH-101."
    assert en == "Your place on course NN-SH-101 is confirmed."


def test_an_unknown_template_is_an_error():
    with pytest.raises(KeyError):
        render("no-such-template")


def test_a_template_value_left_out_is_an_error():
    with pytest.raises(KeyError):
        render("enrolment-confirmed")


def test_an_enrolment_confirmation_names_the_course_in_both_languages():
    message_id, learner_id, course_id, now = uuid4(), uuid4(), uuid4(), datetime.now(UTC)

    message = enrolment_confirmed(message_id, learner_id, course_id, now, "event-1")

    assert message == Message(
        message_id,
        learner_id,
        "enrolment-confirmed",
        f"Bạn đã được xác nhận tham gia khóa học {course_id}.",
        f"Your place on course {course_id} is confirmed.",
        now,
        "event-1",
        variables={"course_id": str(course_id)},
    )
