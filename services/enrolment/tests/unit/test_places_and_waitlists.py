"""Seats, reserved seats, waitlists and an enrolment's transitions (pure domain)."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from enrolment.domain.dimensions import Dimensions, LearnerType, Sex, SupportCategory
from enrolment.domain.lifecycle import (
    Changed,
    NotEligible,
    OfferingClosed,
    ProgressRecorded,
    Status,
    TransitionRefused,
    promote_next,
    request_place,
    withdraw,
)
from enrolment.domain.offering import AgeBetween, Applicant, Offering, OfferingStatus, TeachersBelowStandard
from enrolment.domain.teacher import Qualification, TeacherLevel, TeacherProfile

T0 = datetime(2026, 9, 1, 1, 0, tzinfo=UTC)


def applicant(supported: bool = False, age: int = 30, teacher: TeacherProfile | None = None) -> Applicant:
    categories = frozenset({SupportCategory.POOR_HOUSEHOLD}) if supported else frozenset()
    kind = LearnerType.TEACHER if teacher else LearnerType.RESIDENT
    dims = Dimensions(Sex.MALE, "25-54", "00004", False, categories, kind)
    return Applicant(uuid4(), dims, age, teacher)


def ask(offering: Offering, who: Applicant, minutes: int = 0):
    return request_place(offering, uuid4(), who, T0 + timedelta(minutes=minutes))


def test_confirms_while_seats_last_then_waitlists_and_never_exceeds_capacity():
    offering = Offering(uuid4(), capacity=3)

    places = [ask(offering, applicant(), i) for i in range(5)]

    assert [p.status for p in places] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    assert offering.confirmed == 3
    assert [e.status for p in places for e in p.events if isinstance(e, Changed)] == [
        p.status for p in places
    ]


def test_reserved_seats_stay_free_for_supported_learners():
    offering = Offering(uuid4(), capacity=3, reserved=1)

    unsupported = [ask(offering, applicant(), i) for i in range(3)]
    supported = ask(offering, applicant(supported=True), 5)

    assert [p.status for p in unsupported] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert supported.status is Status.CONFIRMED


def test_a_withdrawal_promotes_the_first_waitlisted_supported_learner_where_seats_are_reserved():
    offering = Offering(uuid4(), capacity=2, reserved=1)
    first = ask(offering, applicant(supported=True), 0)
    second = ask(offering, applicant(), 1)
    waiting_plain = ask(offering, applicant(), 2)
    waiting_supported = ask(offering, applicant(supported=True), 3)

    promoted = withdraw(second, offering, [waiting_plain, waiting_supported], T0 + timedelta(hours=1))

    assert promoted is waiting_supported and promoted.status is Status.CONFIRMED
    assert promoted.events[-1].promoted
    assert (first.status, second.status, waiting_plain.status) == (
        Status.CONFIRMED,
        Status.WITHDRAWN,
        Status.WAITLISTED,
    )
    assert offering.confirmed == 2


def test_without_reserved_seats_the_waitlist_is_first_come_first_served():
    offering = Offering(uuid4(), capacity=1)
    holder = ask(offering, applicant(), 0)
    early, late = ask(offering, applicant(), 1), ask(offering, applicant(supported=True), 2)

    assert withdraw(holder, offering, [late, early], T0) is early


def test_withdrawing_from_the_waitlist_frees_no_seat():
    offering = Offering(uuid4(), capacity=1)
    ask(offering, applicant())
    waiting, other = ask(offering, applicant(), 1), ask(offering, applicant(), 2)

    assert withdraw(waiting, offering, [other], T0) is None
    assert other.status is Status.WAITLISTED


@pytest.mark.parametrize("status", [OfferingStatus.CLOSED, OfferingStatus.RETIRED])
def test_a_closed_or_retired_offering_refuses(status):
    with pytest.raises(OfferingClosed):
        ask(Offering(uuid4(), capacity=5, status=status), applicant())


def test_eligibility_failure_names_the_rule():
    offering = Offering(uuid4(), capacity=5, rules=(AgeBetween(15, 18),))

    with pytest.raises(NotEligible) as refused:
        ask(offering, applicant(age=30))

    assert refused.value.rule == "age"
    assert ask(offering, applicant(age=16)).status is Status.CONFIRMED


def test_upgrading_programmes_take_only_teachers_of_the_level_below_standard():
    offering = Offering(uuid4(), capacity=5, rules=(TeachersBelowStandard(TeacherLevel.PRIMARY),))
    below = TeacherProfile(uuid4(), TeacherLevel.PRIMARY, Qualification.COLLEGE_PEDAGOGY)
    meets = TeacherProfile(uuid4(), TeacherLevel.PRIMARY, Qualification.BACHELOR_PEDAGOGY)
    preschool = TeacherProfile(uuid4(), TeacherLevel.PRESCHOOL, Qualification.INTERMEDIATE_PEDAGOGY)

    assert ask(offering, applicant(teacher=below)).status is Status.CONFIRMED
    for refused in (applicant(teacher=meets), applicant(teacher=preschool), applicant()):
        with pytest.raises(NotEligible):
            ask(offering, refused)


def test_progress_only_rises_makes_the_place_active_and_completion_records_the_certificate():
    place = ask(Offering(uuid4(), capacity=None), applicant())

    place.record_progress(40, T0)
    place.record_progress(20, T0)  # a late or redelivered report
    place.complete("passed", "CERT-2026-0001", T0)

    assert [e.percent for e in place.events if isinstance(e, ProgressRecorded)] == [40]
    assert [e.status for e in place.events if isinstance(e, Changed)] == [
        Status.CONFIRMED,
        Status.ACTIVE,
        Status.COMPLETED,
    ]
    assert place.events[-1].certificate_id == "CERT-2026-0001"


@pytest.mark.parametrize("percent", [-1, 101])
def test_progress_is_a_percentage(percent):
    with pytest.raises(Exception, match="percentage"):
        ask(Offering(uuid4(), capacity=None), applicant()).record_progress(percent, T0)


def test_a_finished_enrolment_refuses_further_changes():
    offering = Offering(uuid4(), capacity=None)
    place = ask(offering, applicant())
    withdraw(place, offering, [], T0)

    with pytest.raises(TransitionRefused):
        place.record_progress(10, T0)
    with pytest.raises(TransitionRefused):
        place.drop(T0)
    assert promote_next(offering, [], T0) is None
