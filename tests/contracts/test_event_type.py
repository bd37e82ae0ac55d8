"""Event type names: vn.hanoi.learningcity.<producer>.<subject>.<action>.v<major>."""

import pytest
from contracts.event import EventType, InvalidEventType


def test_parses_a_full_type() -> None:
    parsed = EventType.parse("vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1")
    assert parsed == EventType(producer="enrolment", subject="enrolment", action="confirmed", major=1)
    assert parsed.name == "vn.hanoi.learningcity.enrolment.enrolment.confirmed"
    assert str(parsed) == "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1"


def test_parses_multi_digit_major_and_underscored_segments() -> None:
    parsed = EventType.parse("vn.hanoi.learningcity.content.course_run.rescheduled.v12")
    assert (parsed.subject, parsed.major) == ("course_run", 12)


@pytest.mark.parametrize(
    "ce_type",
    [
        "vn.hanoi.learningcity.content.course.published",
        "vn.hanoi.learningcity.content.course.published.v0",
        "vn.hanoi.learningcity.content.course.published.v01",
        "vn.hanoi.learningcity.Content.course.published.v1",
        "vn.hanoi.learningcity.content.course.v1",
        "vn.hanoi.learningcity.content.course.published.extra.v1",
        "org.openedx.content.course.published.v1",
        "vn.hanoi.learningcity.content.course.published.v1 ",
        "",
    ],
)
def test_rejects_malformed_types(ce_type: str) -> None:
    with pytest.raises(InvalidEventType, match="does not match"):
        EventType.parse(ce_type)
