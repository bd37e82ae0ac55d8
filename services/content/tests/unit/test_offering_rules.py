"""Rules of an offering: dates, seats, place; revisions; cancelling and closing."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from content.domain.audience import TeachersBelowStandard
from content.domain.offering import (
    Offering,
    OfferingAnnounced,
    OfferingInvalid,
    OfferingRuleBroken,
    OfferingStatus,
    Schedule,
)
from content.domain.reference import Reference

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)
PLAN = Schedule(date(2026, 10, 1), date(2026, 12, 1), 30, 5, "00004")


REFERENCE = Reference(frozenset({"agriculture"}), frozenset({"00004", "00008"}))


@pytest.fixture
def scheduled(new_course):
    """`scheduled(plan, **course_overrides)`: an offering of a newly published course."""

    def make(plan: Schedule = PLAN, **overrides) -> Offering:
        course = new_course(**overrides)
        course.publish(NOW, materials=1)
        return Offering.schedule(uuid4(), course, plan, REFERENCE, NOW)

    return make


def test_scheduling_copies_theme_mode_and_audience_from_the_course_at_revision_1(scheduled):
    rules = (TeachersBelowStandard("primary"),)
    o = scheduled(audience=rules)

    d = o.details
    assert (d.revision, d.status, d.theme, d.delivery_mode, d.audience) == (
        1,
        OfferingStatus.OPEN,
        "agriculture",
        "blended",
        rules,
    )
    assert o.events == [OfferingAnnounced("scheduled", d, NOW)]


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        (Schedule(date(2026, 10, 2), date(2026, 10, 1), 30), "ends_on"),
        (Schedule(date(2026, 10, 1), None, 0), "capacity"),
        (Schedule(date(2026, 10, 1), None, -5), "capacity"),
        (Schedule(date(2026, 10, 1), None, 10, 11, "00004"), "reserved_seats"),
        (Schedule(date(2026, 10, 1), None, 10, 0, "99999"), "locality_code"),
        (Schedule(date(2026, 10, 1), None, 10, 0, None), "locality_code"),
        (Schedule(date(2026, 8, 31), None, 10, 0, "00004"), "starts_on"),
    ],
)
def test_impossible_schedules_are_refused_naming_the_field(scheduled, plan, field):
    with pytest.raises(OfferingInvalid) as refused:
        scheduled(plan)
    assert refused.value.field == field


def test_an_online_offering_has_no_locality_and_may_be_unlimited(scheduled):
    online = Schedule(date(2026, 10, 1), None, None)
    assert scheduled(online, delivery_mode="online").details.schedule.capacity is None
    with pytest.raises(OfferingInvalid):
        scheduled(Schedule(date(2026, 10, 1), None, None, 0, "00004"), delivery_mode="online")


def test_a_draft_course_cannot_be_scheduled(new_course):
    draft = new_course()
    with pytest.raises(OfferingRuleBroken, match="published"):
        Offering.schedule(uuid4(), draft, PLAN, REFERENCE, NOW)


def test_each_change_is_the_next_revision_with_the_whole_state(scheduled):
    o = scheduled()
    bigger = Schedule(date(2026, 10, 1), date(2026, 12, 1), 40, 5, "00008")

    o.change(bigger, REFERENCE, NOW)
    o.cancel(NOW)

    assert [(e.kind, e.details.revision) for e in o.events] == [
        ("scheduled", 1),
        ("changed", 2),
        ("cancelled", 3),
    ]
    assert o.events[1].details.schedule == bigger and o.details.status is OfferingStatus.CANCELLED


def test_a_cancelled_offering_cannot_change_or_be_cancelled_again(scheduled):
    o = scheduled()
    o.cancel(NOW)
    with pytest.raises(OfferingRuleBroken):
        o.change(PLAN, REFERENCE, NOW)
    with pytest.raises(OfferingRuleBroken):
        o.cancel(NOW)


def test_closing_changes_only_an_open_offering(scheduled):
    o = scheduled()
    o.close(NOW)
    o.close(NOW)
    assert o.details.status is OfferingStatus.CLOSED and [e.kind for e in o.events] == [
        "scheduled",
        "changed",
    ]


def test_the_past_is_judged_in_hanoi_time(new_course):
    course = new_course()
    course.publish(NOW, materials=1)
    evening_utc = datetime(2026, 9, 30, 18, 0, tzinfo=UTC)  # already 1 October in Hanoi

    with pytest.raises(OfferingInvalid, match="past"):
        Offering.schedule(
            uuid4(), course, Schedule(date(2026, 9, 30), None, 10, 0, "00004"), REFERENCE, evening_utc
        )
