"""HTTP API of the enrolment service."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from enrolment.app.enrol_learner import EnrolLearner, enrol_learner
from enrolment.app.ports import UnitOfWork
from enrolment.app.read_enrolment import read_enrolment
from enrolment.domain.enrolment import Enrolment

router = APIRouter(prefix="/v1/enrolments", tags=["enrolments"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
Caller = Annotated[Principal, Depends(require("learner", "enrolment-officer", "admin"))]
STAFF = {"enrolment-officer", "admin"}


class EnrolRequest(BaseModel):
    """Enrol a learner on an open course."""

    model_config = ConfigDict(extra="forbid")
    course_id: UUID = Field(description="A published course")
    learner_id: UUID = Field(description="The learner's pseudonymous id (a learner may only enrol themself)")
    locality_code: str | None = Field(
        None, pattern=r"^[0-9]{5}$", description="GSO code of the learner's commune"
    )


class EnrolmentView(BaseModel):
    """An enrolment."""

    id: UUID
    course_id: UUID
    learner_id: UUID
    status: str
    confirmed_at: datetime

    @classmethod
    def of(cls, e: Enrolment) -> "EnrolmentView":
        return cls(
            id=e.id,
            course_id=e.course_id,
            learner_id=e.learner_id,
            status=e.status,
            confirmed_at=e.confirmed_at,
        )


def _may_act_for(caller: Principal, learner_id: UUID) -> bool:
    return bool(caller.roles & STAFF) or caller.subject == str(learner_id)


@router.post("", status_code=201, summary="Enrol a learner")
async def enrol(body: EnrolRequest, uow: Uow, deps: Deps, caller: Caller) -> EnrolmentView:
    if not _may_act_for(caller, body.learner_id):
        raise Problem(403, "Forbidden", "a learner may only enrol themself", "forbidden")
    command = EnrolLearner(body.course_id, body.learner_id, body.locality_code)
    return EnrolmentView.of(await enrol_learner(command, uow, deps))


@router.get("/{enrolment_id}", summary="One enrolment")
async def read(enrolment_id: UUID, uow: Uow, caller: Caller) -> EnrolmentView:
    enrolment = await read_enrolment(enrolment_id, uow)
    if enrolment is None or not _may_act_for(caller, enrolment.learner_id):
        raise Problem(404, "Enrolment not found", kind="not-found")
    return EnrolmentView.of(enrolment)
