"""Teacher profiles in PostgreSQL: stored beside the learner, replaced on save, absent for non-teachers."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from enrolment.adapters.learners import SqlLearners
from enrolment.adapters.reference import reference_tables
from enrolment.adapters.teacher_profiles import SqlTeacherProfiles
from enrolment.domain.dimensions import LearnerType, Sex
from enrolment.domain.learner import Contacts, Learner, Profile
from enrolment.domain.teacher import Qualification, TeacherLevel, TeacherProfile

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def learner(learner_type: LearnerType = LearnerType.RESIDENT) -> Learner:
    profile = Profile("Nguyễn Văn An", date(1985, 3, 1), Sex.MALE, "00004", "01", learner_type, frozenset())
    return Learner.register(uuid4(), profile, Contacts(), None, reference_tables(), NOW)


async def test_a_teachers_profile_is_kept_and_replaced(enrolment) -> None:
    teacher = learner(learner_type=LearnerType.TEACHER)
    profile = TeacherProfile(
        teacher.id, TeacherLevel.PRIMARY, Qualification.COLLEGE_PEDAGOGY, date(2040, 1, 1)
    )
    async with enrolment.runtime.uow() as uow:
        await SqlLearners(uow).save(teacher, NOW)
        await SqlTeacherProfiles(uow).save(profile)
    profile.complete_upgrade(TeacherLevel.PRIMARY, date(2027, 6, 30))
    async with enrolment.runtime.uow() as uow:
        await SqlTeacherProfiles(uow).save(profile)
    async with enrolment.runtime.uow() as uow:
        found = await SqlTeacherProfiles(uow).get(teacher.id)
    assert found == TeacherProfile(
        teacher.id, TeacherLevel.PRIMARY, Qualification.BACHELOR_PEDAGOGY, date(2040, 1, 1)
    )
    assert found.meets_standard


async def test_a_learner_who_does_not_teach_has_no_profile(enrolment) -> None:
    resident = learner()
    async with enrolment.runtime.uow() as uow:
        await SqlLearners(uow).save(resident, NOW)
    async with enrolment.runtime.uow() as uow:
        assert await SqlTeacherProfiles(uow).get(resident.id) is None
