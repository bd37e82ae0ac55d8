"""HTTP API of learner records: register, read, erase (personal data: learners see only their own)."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from enrolment.app.learner_records import (
    LearnerRules,
    RegisterLearner,
    erase_learner,
    read_learner,
    register_learner,
)
from enrolment.app.ports import UnitOfWork
from enrolment.domain.dimensions import LearnerType, Sex, SupportCategory
from enrolment.domain.learner import Channel, Contacts, Learner, Profile

router = APIRouter(prefix="/v1/learners", tags=["learners"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
STAFF = {"enrolment-officer", "admin"}


def learner_rules(request: Request) -> LearnerRules:
    """The reference tables and national-id hasher bootstrap put on the app."""
    rules: LearnerRules = request.app.state.learner_rules
    return rules


Rules = Annotated[LearnerRules, Depends(learner_rules)]


class RegisterLearnerRequest(BaseModel):
    """A new learner. Personal data: it stays in the enrolment service."""

    model_config = ConfigDict(extra="forbid")
    full_name: str = Field(min_length=1, max_length=200, description="Full name")
    date_of_birth: date = Field(description="Date of birth (not in the future)")
    sex: Sex = Field(description="Sex as the learner states it")
    locality_code: str = Field(
        pattern=r"^[0-9]{5}$", description="GSO code of a current Hanoi ward or commune"
    )
    ethnic_group_code: str | None = Field(None, pattern=r"^[0-9]{2}$", description="GSO ethnic group code")
    learner_type: LearnerType = Field(description="Who the learner is")
    declared_categories: list[SupportCategory] = Field(
        default_factory=list,
        max_length=7,
        description="Declared support categories (household, disability, policy)",
    )
    email: str | None = Field(None, max_length=320, description="E-mail address")
    phone: str | None = Field(None, max_length=16, description="Phone number, 9-15 digits")
    language: Literal["vi", "en"] = Field("vi", description="Preferred language")
    consent: list[Channel] = Field(
        default_factory=lambda: [Channel.IN_APP], max_length=3, description="Channels"
    )
    national_id: str | None = Field(
        None, min_length=9, max_length=20, description="Kept only as a keyed hash"
    )


class LearnerView(BaseModel):
    """A learner record; an erased one shows only its anonymous dimensions."""

    id: UUID
    erased: bool
    full_name: str | None
    date_of_birth: date | None
    sex: str
    locality_code: str
    ethnic_group_code: str | None
    learner_type: str
    support_categories: list[str]
    age_band: str
    email: str | None
    phone: str | None
    language: str | None

    @classmethod
    def of(cls, learner: Learner) -> "LearnerView":
        p, c, d = learner.profile, learner.contacts, learner.dimensions
        return cls(
            id=learner.id,
            erased=learner.erased,
            full_name=p.full_name if p else None,
            date_of_birth=p.date_of_birth if p else None,
            sex=d.sex,
            locality_code=d.locality_code,
            ethnic_group_code=p.ethnic_group_code if p else None,
            learner_type=d.learner_type,
            support_categories=sorted(d.support_categories),
            age_band=d.age_band,
            email=c.email if c else None,
            phone=c.phone if c else None,
            language=c.language if c else None,
        )


def _own_or_staff(caller: Principal, learner_id: UUID) -> bool:
    return bool(caller.roles & STAFF) or caller.subject == str(learner_id)


@router.post("", status_code=201, summary="Register a learner")
async def register(
    body: RegisterLearnerRequest,
    uow: Uow,
    deps: Deps,
    rules: Rules,
    _: Annotated[Principal, Depends(require(*STAFF))],
) -> LearnerView:
    profile = Profile(
        body.full_name,
        body.date_of_birth,
        body.sex,
        body.locality_code,
        body.ethnic_group_code,
        body.learner_type,
        frozenset(body.declared_categories),
    )
    contacts = Contacts(body.email, body.phone, body.language, frozenset(body.consent))
    command = RegisterLearner(profile, contacts, body.national_id)
    return LearnerView.of(await register_learner(command, uow, deps, rules))


@router.get("/{learner_id}", summary="One learner record (the learner themself or staff)")
async def read(
    learner_id: UUID, uow: Uow, caller: Annotated[Principal, Depends(require("learner", *STAFF))]
) -> LearnerView:
    learner = await read_learner(learner_id, uow) if _own_or_staff(caller, learner_id) else None
    if learner is None:
        raise Problem(404, "Learner not found", kind="not-found")
    return LearnerView.of(learner)


@router.delete("/{learner_id}", summary="Erase a learner's personal data (keeps anonymous statistics)")
async def erase(
    learner_id: UUID,
    uow: Uow,
    deps: Deps,
    caller: Annotated[Principal, Depends(require("learner", *STAFF))],
) -> LearnerView:
    learner = await erase_learner(learner_id, uow, deps) if _own_or_staff(caller, learner_id) else None
    if learner is None:
        raise Problem(404, "Learner not found", kind="not-found")
    return LearnerView.of(learner)
