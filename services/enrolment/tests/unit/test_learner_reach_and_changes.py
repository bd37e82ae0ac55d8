"""Changing and listing learners within the caller's reach, and teacher profiles, on in-memory fakes."""

from datetime import date
from uuid import uuid4

import pytest
from enrolment.app.learner_query import LearnerFilter
from enrolment.app.learner_records import LearnerRules, RegisterLearner, read_learner, register_learner
from enrolment.app.list_learners import list_learners
from enrolment.app.teacher_profiles import SetTeacherProfile, read_teacher_profile, set_teacher_profile
from enrolment.app.update_learner import UpdateLearner, update_learner
from enrolment.domain.access import EVERYTHING, OutOfReach, Reach
from enrolment.domain.dimensions import LearnerType, ReferenceTables, Sex
from enrolment.domain.learner import Contacts, ContactsChanged, LearnerRefused, LearnerUpdated, Profile
from enrolment.domain.teacher import Qualification, TeacherLevel, TeacherRefused, TeacherStandardAttained

TABLES = ReferenceTables(frozenset({"00004", "00008"}), frozenset({"01", "04"}), frozenset({"04"}))
RULES = LearnerRules(TABLES, None)
HOME = Reach(localities=frozenset({"00004"}))


async def registered(uow, deps, locality="00004", learner_type=LearnerType.TEACHER):
    profile = Profile("Bùi Văn An", date(1980, 1, 2), Sex.MALE, locality, "01", learner_type)
    learner = await register_learner(RegisterLearner(profile, Contacts()), uow, deps, RULES, EVERYTHING)
    uow.published.clear()
    return learner


async def test_a_change_announces_what_changed_and_keeps_the_rest(uow, deps):
    learner = await registered(uow, deps)
    change = UpdateLearner(learner.id, {"locality_code": "00008"}, {"email": "an@example.vn"})

    changed = await update_learner(change, uow, deps, RULES, EVERYTHING)

    assert changed.profile.full_name == "Bùi Văn An" and changed.contacts.email == "an@example.vn"
    assert [type(e) for e in uow.published] == [LearnerUpdated, ContactsChanged]


async def test_area_staff_may_not_move_a_learner_out_of_their_localities(uow, deps):
    learner = await registered(uow, deps)

    with pytest.raises(OutOfReach):
        await update_learner(UpdateLearner(learner.id, {"locality_code": "00008"}), uow, deps, RULES, HOME)

    assert (
        uow.published == []
        and (await read_learner(learner.id, uow, HOME)).dimensions.locality_code == "00004"
    )


async def test_outside_the_reach_a_learner_is_unknown(uow, deps):
    learner = await registered(uow, deps, locality="00008")

    assert await read_learner(learner.id, uow, HOME) is None
    assert await update_learner(UpdateLearner(learner.id, {"full_name": "X"}), uow, deps, RULES, HOME) is None
    assert await read_learner(learner.id, uow, Reach(own_id=learner.id)) is learner


async def test_staff_register_only_in_their_localities(uow, deps):
    profile = Profile("Bùi Văn An", date(1980, 1, 2), Sex.MALE, "00008", None, LearnerType.RESIDENT)

    with pytest.raises(OutOfReach):
        await register_learner(RegisterLearner(profile, Contacts()), uow, deps, RULES, HOME)

    assert uow.learners.items == {}


async def test_an_erased_learner_cannot_be_changed(uow, deps):
    learner = await registered(uow, deps)
    learner.erase(deps.clock.now())

    with pytest.raises(LearnerRefused):
        await update_learner(UpdateLearner(learner.id, {"full_name": "X"}), uow, deps, RULES, EVERYTHING)


async def test_the_list_is_limited_to_the_reach_and_pages_without_overlap(uow, deps):
    mine = [await registered(uow, deps) for _ in range(3)]
    await registered(uow, deps, locality="00008")

    first = await list_learners(LearnerFilter(), HOME, None, 2, uow)
    second = await list_learners(LearnerFilter(), HOME, first.next_key, 2, uow)

    assert [x.id for x in first.items + second.items] == [x.id for x in mine] and second.next_key is None
    assert (await list_learners(LearnerFilter(), Reach(), None, 10, uow)).items == []


async def test_a_teacher_reaching_the_standard_is_announced_once(uow, deps):
    teacher = await registered(uow, deps)
    below = SetTeacherProfile(teacher.id, TeacherLevel.PRIMARY, Qualification.COLLEGE_PEDAGOGY)

    await set_teacher_profile(below, uow, deps, EVERYTHING)
    for qualification in (Qualification.BACHELOR_PEDAGOGY, Qualification.POSTGRADUATE_PEDAGOGY):
        command = SetTeacherProfile(teacher.id, TeacherLevel.PRIMARY, qualification)
        await set_teacher_profile(command, uow, deps, EVERYTHING)

    assert uow.published == [
        TeacherStandardAttained(teacher.id, TeacherLevel.PRIMARY, deps.clock.now().date())
    ]
    assert (await read_teacher_profile(teacher.id, uow, EVERYTHING)).meets_standard


async def test_a_new_profile_already_at_the_standard_announces_nothing(uow, deps):
    teacher = await registered(uow, deps)
    met = SetTeacherProfile(teacher.id, TeacherLevel.PRESCHOOL, Qualification.COLLEGE_PEDAGOGY)

    assert (await set_teacher_profile(met, uow, deps, EVERYTHING)).meets_standard and uow.published == []


async def test_only_teachers_have_a_profile_and_others_reach_is_respected(uow, deps):
    resident = await registered(uow, deps, learner_type=LearnerType.RESIDENT)
    teacher = await registered(uow, deps, locality="00008")
    level, qualification = TeacherLevel.PRIMARY, Qualification.BACHELOR_PEDAGOGY

    with pytest.raises(TeacherRefused) as refused:
        await set_teacher_profile(SetTeacherProfile(resident.id, level, qualification), uow, deps, EVERYTHING)
    assert refused.value.field == "learner_type"
    assert (
        await set_teacher_profile(SetTeacherProfile(teacher.id, level, qualification), uow, deps, HOME)
        is None
    )
    assert await read_teacher_profile(uuid4(), uow, EVERYTHING) is None
