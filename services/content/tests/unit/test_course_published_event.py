"""Mapping a published course to the contract event `course.published.v1`."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from content.adapters.contract_events import to_contract
from content.domain.course import Course
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode

NOW = datetime(2026, 2, 2, 1, 30, tzinfo=UTC)


def test_a_published_course_maps_to_one_contract_event_with_all_its_fields():
    c = Course(uuid4(), "NN-SH-101", "Canh tác lúa", "Rice farming", "agriculture", "in_person", 40)
    c.publish(NOW)

    [event] = to_contract(c.events[0])

    assert event == CoursePublishedV1(
        course_id=c.id,
        code="NN-SH-101",
        title_vi="Canh tác lúa",
        title_en="Rice farming",
        theme=CourseTheme.AGRICULTURE,
        delivery_mode=DeliveryMode.IN_PERSON,
        capacity=40,
        published_at=NOW,
    )
    assert event.aggregate_id() == str(c.id)


def test_unlimited_capacity_travels_as_null():
    c = Course(uuid4(), "KN-SO-1", "Kỹ năng số", "Digital skills", "digital_skills", "online", None)
    c.publish(NOW)

    [event] = to_contract(c.events[0])

    assert event.capacity is None


def test_a_domain_event_without_a_contract_is_an_error_not_silence():
    with pytest.raises(TypeError):
        to_contract(object())
