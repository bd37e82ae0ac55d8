"""Enrolling, withdrawing, progress and completion on in-memory fakes: what is decided, kept and announced."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from enrolment.adapters.contract_events import to_contract
from enrolment.app.enrol import Enrol, enrol
from enrolment.app.offerings import project_offering
from enrolment.app.place_changes import (
    Acting,
    Complete,
    complete_enrolment,
    record_progress,
    withdraw_enrolment,
)
from enrolment.app.reads import dashboard
from enrolment.domain.applicants import EnrolmentNotFound, LearnerErased, LearnerNotFound, OfferingNotFound
from enrolment.domain.benefits import BenefitGranted
from enrolment.domain.dimensions import LearnerType, ReferenceTables, Sex, SupportCategory
from enrolment.domain.enrolment import AlreadyEnrolled
from enrolment.domain.learner import Contacts, Learner, Profile
from enrolment.domain.lifecycle import Changed, NotEligible, Status
from enrolment.domain.offering import LearnerTypeIn, Offering, TeachersBelowStandard
from enrolment.domain.support import BenefitKind, PolicyRule, SupportPolicy
from enrolment.domain.teacher import Qualification, TeacherLevel, TeacherProfile, TeacherStandardAttained

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # the fixed clock of conftest
TABLES = ReferenceTables(frozenset({"00004"}), frozenset({"01", "04"}), frozenset({"04"}))
POLICY = SupportPolicy(
    (
        PolicyRule(
            SupportCategory.POOR_HOUSEHOLD, BenefitKind.FEE_WAIVER, date(2025, 9, 3), None, "Decree 238"
        ),
    )
)
COURSE = uuid4()


def learner(
    kind: LearnerType = LearnerType.RESIDENT, poor: bool = False, born: date = date(1990, 5, 1)
) -> Learner:
    declared = frozenset({SupportCategory.POOR_HOUSEHOLD}) if poor else frozenset()
    profile = Profile("Nguyễn Văn Bình", born, Sex.MALE, "00004", "01", kind, declared)
    return Learner.register(uuid4(), profile, Contacts(email="b@example.vn"), None, TABLES, NOW)


async def arrange(uow, *learners: Learner, offering: Offering | None = None) -> Offering:
    offering = offering or Offering(uuid4(), capacity=1, course_id=COURSE, revision=1)
    uow.offerings.items[offering.id] = offering
    for one in learners:
        one.events.clear()
        uow.learners.items[one.id] = one
    return offering


async def test_the_learners_record_decides_and_the_one_confirmation_goes_out_as_v2(uow, deps):
    ann = learner()
    offering = await arrange(uow, ann)

    place = await enrol(Enrol(offering.id, ann.id), uow, deps, POLICY)

    assert place.status is Status.CONFIRMED and place.applicant.dimensions == ann.dimensions
    assert uow.offerings.items[offering.id].confirmed == 1
    [event] = uow.published
    types = [c.ce_type.rsplit(".", 2)[-2:] for c in to_contract(event)]
    assert types == [["confirmed", "v2"]]  # v1 is retired: one confirmation event per place
    assert to_contract(event)[0].locality_code == "00004"  # the record's locality, not a typed one


async def test_a_full_offering_waitlists(uow, deps):
    first, second = learner(), learner()
    offering = await arrange(uow, first, second)
    await enrol(Enrol(offering.id, first.id), uow, deps, POLICY)

    place = await enrol(Enrol(offering.id, second.id), uow, deps, POLICY)

    assert place.status is Status.WAITLISTED
    assert to_contract(uow.published[-1])[0].ce_type.endswith("enrolment.waitlisted.v1")


async def test_unknown_and_erased_learners_and_unknown_offerings_are_refused(uow, deps):
    gone = learner()
    offering = await arrange(uow, gone)
    gone.erase(NOW)

    with pytest.raises(LearnerNotFound):
        await enrol(Enrol(offering.id, uuid4()), uow, deps, POLICY)
    with pytest.raises(LearnerErased):
        await enrol(Enrol(offering.id, gone.id), uow, deps, POLICY)
    with pytest.raises(OfferingNotFound):
        await enrol(Enrol(uuid4(), learner().id), uow, deps, POLICY)
    assert uow.enrolments.items == {}


async def test_enrolling_twice_is_refused_and_takes_no_second_seat(uow, deps):
    ann = learner()
    offering = await arrange(uow, ann, offering=Offering(uuid4(), capacity=5, course_id=COURSE))
    await enrol(Enrol(offering.id, ann.id), uow, deps, POLICY)

    with pytest.raises(AlreadyEnrolled):
        await enrol(Enrol(offering.id, ann.id), uow, deps, POLICY)

    assert uow.offerings.items[offering.id].confirmed == 1


async def test_an_ineligible_learner_is_told_which_rule_failed(uow, deps):
    ann = learner()
    rules = (LearnerTypeIn(frozenset({LearnerType.INDUSTRIAL_WORKER})),)
    offering = await arrange(uow, ann, offering=Offering(uuid4(), capacity=5, rules=rules, course_id=COURSE))

    with pytest.raises(NotEligible) as refused:
        await enrol(Enrol(offering.id, ann.id), uow, deps, POLICY)

    assert refused.value.rule == "learner-type"


async def test_a_confirmed_supported_learner_is_granted_the_policys_benefits(uow, deps):
    poor = learner(poor=True)
    offering = await arrange(uow, poor)

    place = await enrol(Enrol(offering.id, poor.id), uow, deps, POLICY)

    [granted] = [e for e in uow.published if isinstance(e, BenefitGranted)]
    assert (granted.grant.benefit, granted.grant.enrolment_id) == (BenefitKind.FEE_WAIVER, place.id)
    assert to_contract(granted)[0].ce_type.endswith("support.granted.v1")
    assert [g.benefit for g in (await dashboard(poor.id, uow)).benefits] == [BenefitKind.FEE_WAIVER]


async def test_a_withdrawal_promotes_the_next_learner_and_grants_their_benefits(uow, deps):
    first, waiting = learner(), learner(poor=True)
    offering = await arrange(uow, first, waiting)
    seat = await enrol(Enrol(offering.id, first.id), uow, deps, POLICY)
    queued = await enrol(Enrol(offering.id, waiting.id), uow, deps, POLICY)
    uow.published.clear()

    await withdraw_enrolment(seat.id, Acting(first.id), uow, deps, POLICY)

    assert uow.enrolments.items[queued.id].status is Status.CONFIRMED
    promoted = [e for e in uow.published if isinstance(e, Changed) and e.promoted]
    assert [to_contract(e)[0].ce_type.rsplit(".", 2)[-2] for e in promoted] == ["promoted"]
    assert any(isinstance(e, BenefitGranted) for e in uow.published)
    assert uow.offerings.items[offering.id].confirmed == 1


async def test_a_learner_cannot_touch_someone_elses_enrolment(uow, deps):
    ann = learner()
    offering = await arrange(uow, ann)
    place = await enrol(Enrol(offering.id, ann.id), uow, deps, POLICY)

    with pytest.raises(EnrolmentNotFound):
        await record_progress(place.id, 50, Acting(uuid4()), uow, deps)
    with pytest.raises(EnrolmentNotFound):
        await withdraw_enrolment(place.id, Acting(uuid4()), uow, deps, POLICY)


async def test_passing_an_upgrading_programme_makes_the_teacher_meet_the_standard(uow, deps):
    teacher = learner(LearnerType.TEACHER)
    profile = TeacherProfile(teacher.id, TeacherLevel.PRIMARY, Qualification.COLLEGE_PEDAGOGY)
    uow.teacher_profiles.items[teacher.id] = profile
    rules = (TeachersBelowStandard(TeacherLevel.PRIMARY),)
    offering = await arrange(uow, teacher, offering=Offering(uuid4(), 5, rules=rules, course_id=COURSE))
    place = await enrol(Enrol(offering.id, teacher.id), uow, deps, POLICY)

    await complete_enrolment(Complete(place.id, "passed", "HN-1"), uow, deps)

    assert uow.teacher_profiles.items[teacher.id].meets_standard
    assert any(isinstance(e, TeacherStandardAttained) for e in uow.published)
    completed = [e for e in uow.published if isinstance(e, Changed) and e.status is Status.COMPLETED]
    assert to_contract(completed[0])[0].certificate_id == "HN-1"


async def test_the_offering_model_keeps_the_highest_revision_and_its_seats(uow, deps):
    offering_id = uuid4()
    await project_offering(Offering(offering_id, 10, course_id=COURSE, revision=2), uow)
    uow.offerings.items[offering_id].confirmed = 3

    kept_older = await project_offering(Offering(offering_id, 99, course_id=COURSE, revision=1), uow)
    await project_offering(Offering(offering_id, 20, course_id=COURSE, revision=3), uow)

    assert not kept_older
    assert (uow.offerings.items[offering_id].capacity, uow.offerings.items[offering_id].confirmed) == (20, 3)
