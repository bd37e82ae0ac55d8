"""Mapping content's domain events onto contract events: course v2 beside v1, updated, retired, offerings."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from content.adapters.contract_events import to_contract
from content.domain.audience import TeachersBelowStandard
from content.domain.offering import Offering, Schedule
from content.domain.reference import Reference
from contracts.events.content import (
    CoursePublishedV1,
    CoursePublishedV2,
    CourseRetiredV1,
    CourseUpdatedV1,
    OfferingCancelledV1,
    OfferingChangedV1,
    OfferingScheduledV1,
)

NOW = datetime(2026, 2, 2, 1, 30, tzinfo=UTC)
RULES = (TeachersBelowStandard("primary"),)


def test_first_publication_maps_to_v2_without_capacity_and_v1_beside_it(new_course):
    c = new_course(title_en=None, audience=RULES)
    c.publish(NOW, materials=1)

    v2, v1 = to_contract(c.events[0])

    assert isinstance(v2, CoursePublishedV2) and isinstance(v1, CoursePublishedV1)
    assert "capacity" not in CoursePublishedV2.model_fields
    assert (v2.course_id, v2.version, v2.provider, v2.title_en, v2.duration_hours) == (
        c.id,
        1,
        "centre",
        None,
        12,
    )
    assert v2.audience[0].model_dump() == {"rule": "teachers_below_standard", "level": "primary"}
    assert (v1.capacity, v1.title_en, v1.published_at) == (None, "Canh tác lúa", NOW)
    assert v2.aggregate_id() == v1.aggregate_id() == str(c.id)


def test_a_later_version_maps_to_course_updated_and_retirement_to_course_retired(
    new_course, new_content, reference
):
    c = new_course()
    c.publish(NOW, materials=1)
    c.edit(new_content(title_vi="Mới"), reference)
    c.publish(NOW + timedelta(hours=1), materials=1)
    c.retire(NOW + timedelta(hours=2))

    [updated] = to_contract(c.events[1])
    [retired] = to_contract(c.events[2])

    assert isinstance(updated, CourseUpdatedV1) and (updated.version, updated.title_vi) == (2, "Mới")
    assert retired == CourseRetiredV1(course_id=c.id, version=2, retired_at=NOW + timedelta(hours=2))


def test_offering_events_carry_the_whole_state_and_revision(new_course):
    course = new_course(audience=RULES)
    course.publish(NOW, materials=1)
    ref = Reference(frozenset({"agriculture"}), frozenset({"00004"}))
    o = Offering.schedule(uuid4(), course, Schedule(date(2026, 3, 1), None, 20, 2, "00004"), ref, NOW)
    o.close(NOW)
    o.cancel(NOW)

    scheduled, changed, cancelled = (to_contract(e)[0] for e in o.events)

    assert isinstance(scheduled, OfferingScheduledV1) and scheduled.revision == 1
    assert (scheduled.capacity, scheduled.reserved_seats, scheduled.locality_code) == (20, 2, "00004")
    assert scheduled.audience[0].model_dump() == {"rule": "teachers_below_standard", "level": "primary"}
    assert isinstance(changed, OfferingChangedV1) and (changed.revision, changed.status) == (2, "closed")
    assert isinstance(cancelled, OfferingCancelledV1) and (cancelled.revision, cancelled.status) == (
        3,
        "cancelled",
    )
    assert scheduled.aggregate_id() == str(o.id)


def test_a_domain_event_without_a_contract_is_an_error_not_silence():
    with pytest.raises(TypeError):
        to_contract(object())
