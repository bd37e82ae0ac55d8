"""HTTP API of learner records: register, list, read, change, erase (each within the caller's reach)."""

from datetime import date, datetime, time
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from servicekit.http import cursors
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.limits import Limit
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from enrolment.app.learner_query import LearnerFilter, PageKey
from enrolment.app.learner_records import (
    LearnerRules,
    RegisterLearner,
    erase_learner,
    read_learner,
    register_learner,
)
from enrolment.app.list_learners import list_learners
from enrolment.app.ports import UnitOfWork
from enrolment.app.update_learner import UpdateLearner, update_learner
from enrolment.domain.dimensions import LearnerType, Sex, SupportCategory
from enrolment.domain.learner import Contacts, Learner, Profile
from enrolment.entrypoints.access import AnyCaller, StaffCaller
from enrolment.entrypoints.learner_views import (
    LearnerFields,
    LearnerPageView,
    LearnerView,
    RegisterLearnerRequest,
)

router = APIRouter(prefix="/v1/learners", tags=["learners"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


async def learner_rules(request: Request) -> LearnerRules:
    """The reference tables and national-id hasher bootstrap put on the app."""
    rules: LearnerRules = request.app.state.learner_rules
    return rules


Rules = Annotated[LearnerRules, Depends(learner_rules)]


def _found(learner: Learner | None) -> LearnerView:
    if learner is None:  # unknown, or outside the caller's reach: the same answer, so nothing is revealed
        raise Problem(404, "Learner not found", kind="not-found")
    return LearnerView.of(learner)


@router.post("", status_code=201, summary="Register a learner (staff; area staff in their localities)")
async def register(
    body: RegisterLearnerRequest, uow: Uow, deps: Deps, rules: Rules, reach: StaffCaller
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
    return LearnerView.of(await register_learner(command, uow, deps, rules, reach))


@router.get("", summary="Learners the caller may see, filtered, in pages (staff)")
async def list_(
    uow: Uow,
    reach: StaffCaller,
    locality_code: Annotated[str | None, Query(pattern=r"^[0-9]{5}$")] = None,
    sex: Sex | None = None,
    learner_type: LearnerType | None = None,
    support_category: SupportCategory | None = None,
    registered_since: Annotated[date | None, Query(description="Registered on or after (Hanoi time)")] = None,
    cursor: Annotated[str | None, Query(max_length=200, description="`next_cursor` of the last page")] = None,
    limit: Limit = 50,
) -> LearnerPageView:
    since = datetime.combine(registered_since, time(), HANOI) if registered_since else None
    wanted = LearnerFilter(locality_code, sex, learner_type, support_category, since)
    after = cursors.decode(cursor, datetime, UUID)
    page = await list_learners(wanted, reach, PageKey(*after) if after else None, limit, uow)
    last = page.next_key
    return LearnerPageView(
        items=[LearnerView.of(x) for x in page.items],
        next_cursor=cursors.encode(last.registered_at, last.learner_id) if last else None,
    )


@router.get("/{learner_id}", summary="One learner record (their own, or staff within their reach)")
async def read(learner_id: UUID, uow: Uow, reach: AnyCaller) -> LearnerView:
    return _found(await read_learner(learner_id, uow, reach))


@router.patch("/{learner_id}", summary="Change some fields of a learner record")
async def change(
    learner_id: UUID, body: LearnerFields, uow: Uow, deps: Deps, rules: Rules, reach: AnyCaller
) -> LearnerView:
    profile, contacts = body.changes()
    command = UpdateLearner(learner_id, profile, contacts)
    return _found(await update_learner(command, uow, deps, rules, reach))


@router.delete("/{learner_id}", summary="Erase a learner's personal data (keeps anonymous statistics)")
async def erase(learner_id: UUID, uow: Uow, deps: Deps, reach: AnyCaller) -> LearnerView:
    return _found(await erase_learner(learner_id, uow, deps, reach))
