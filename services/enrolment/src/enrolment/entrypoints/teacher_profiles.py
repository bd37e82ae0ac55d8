"""HTTP API of teacher profiles: level, qualification, the standard of the level and the roadmap."""

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from enrolment.app.ports import UnitOfWork
from enrolment.app.teacher_profiles import SetTeacherProfile, read_teacher_profile, set_teacher_profile
from enrolment.domain.teacher import UPGRADE_TO, Qualification, TeacherLevel, TeacherProfile
from enrolment.entrypoints.access import AnyCaller, StaffCaller

router = APIRouter(prefix="/v1/learners", tags=["teacher profiles"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]


class TeacherProfileRequest(BaseModel):
    """A teacher's level, current qualification and (optional) retirement date."""

    model_config = ConfigDict(extra="forbid")
    level: TeacherLevel = Field(description="The level the teacher teaches at")
    qualification: Qualification = Field(description="Highest training qualification held now")
    retires_on: date | None = Field(None, description="Expected retirement date (for roadmap eligibility)")


class TeacherProfileView(BaseModel):
    """A teacher profile, with where the teacher stands against the standard of their level."""

    level: TeacherLevel
    qualification: Qualification
    retires_on: date | None
    meets_standard: bool = Field(
        description="The qualification meets the level's standard (Education Law art. 72)"
    )
    roadmap_eligible: bool = Field(
        description="Below standard and eligible for the upgrading roadmap (Decree 71/2020)"
    )
    required_qualifications: list[Qualification] = Field(description="Qualifications that meet the standard")
    upgrade_awards: Qualification = Field(description="What the upgrading programme of the level awards")

    @classmethod
    def of(cls, p: TeacherProfile) -> "TeacherProfileView":
        """The view of a profile."""
        return cls(
            level=p.level,
            qualification=p.qualification,
            retires_on=p.retires_on,
            meets_standard=p.meets_standard,
            roadmap_eligible=p.roadmap_eligible,
            required_qualifications=sorted(p.required_qualifications),
            upgrade_awards=UPGRADE_TO[p.level],
        )


def _found(profile: TeacherProfile | None) -> TeacherProfileView:
    if profile is None:
        raise Problem(404, "Teacher profile not found", kind="not-found")
    return TeacherProfileView.of(profile)


@router.put("/{learner_id}/teacher-profile", summary="Set a teacher's profile (staff within their reach)")
async def put(
    learner_id: UUID, body: TeacherProfileRequest, uow: Uow, deps: Deps, reach: StaffCaller
) -> TeacherProfileView:
    command = SetTeacherProfile(learner_id, body.level, body.qualification, body.retires_on)
    return _found(await set_teacher_profile(command, uow, deps, reach))


@router.get("/{learner_id}/teacher-profile", summary="A teacher's profile (their own, or staff within reach)")
async def get(learner_id: UUID, uow: Uow, reach: AnyCaller) -> TeacherProfileView:
    return _found(await read_teacher_profile(learner_id, uow, reach))
