"""Use cases: set and read a teacher's profile (level, qualification, retirement), within reach."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.learner_records import read_learner
from enrolment.app.ports import UnitOfWork
from enrolment.domain.access import Reach
from enrolment.domain.dimensions import LearnerType
from enrolment.domain.teacher import Qualification, TeacherLevel, TeacherProfile, TeacherRefused


@dataclass(frozen=True)
class SetTeacherProfile:
    """Command: the teacher's level, current qualification and (optional) retirement date."""

    learner_id: UUID
    level: TeacherLevel
    qualification: Qualification
    retires_on: date | None = None


async def set_teacher_profile(
    cmd: SetTeacherProfile, uow: UnitOfWork, deps: Dependencies, reach: Reach
) -> TeacherProfile | None:
    """Create or revise the profile; reaching the standard from below is announced. None: no such learner."""
    today = deps.clock.now().date()
    async with uow:
        learner = await read_learner(cmd.learner_id, uow, reach)
        if learner is None:
            return None
        if learner.dimensions.learner_type is not LearnerType.TEACHER:
            raise TeacherRefused("only learners of type teacher have a teacher profile", "learner_type")
        profile = await uow.teacher_profiles.get(cmd.learner_id)
        if profile is None:
            profile = TeacherProfile(cmd.learner_id, cmd.level, cmd.qualification, cmd.retires_on)
        else:
            profile.revise(cmd.level, cmd.qualification, cmd.retires_on, today)
        await uow.teacher_profiles.save(profile)
    return profile


async def read_teacher_profile(learner_id: UUID, uow: UnitOfWork, reach: Reach) -> TeacherProfile | None:
    """The profile of a teacher within the caller's reach, or None."""
    async with uow:
        if await read_learner(learner_id, uow, reach) is None:
            return None
        return await uow.teacher_profiles.get(learner_id)
