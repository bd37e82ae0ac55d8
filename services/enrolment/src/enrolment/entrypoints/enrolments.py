"""HTTP API of enrolments: enrol (with Idempotency-Key), read, list, withdraw, progress, complete, drop."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from servicekit.db import UnitOfWork as KitUnitOfWork
from servicekit.http import cursors
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.idempotency import IdempotencyKey, StoredResponse, once
from servicekit.ports import Dependencies

from enrolment.app.enrol import Enrol, enrol
from enrolment.app.place_changes import (
    Complete,
    complete_enrolment,
    drop_enrolment,
    record_progress,
    withdraw_enrolment,
)
from enrolment.app.ports import EnrolmentFilter, UnitOfWork
from enrolment.app.reads import list_enrolments, read_enrolment
from enrolment.domain.access import EVERYTHING, Reach
from enrolment.domain.lifecycle import Status
from enrolment.domain.support import SupportPolicy
from enrolment.entrypoints.access import LEARNER, STAFF, StaffCaller, reach_of
from enrolment.entrypoints.enrolment_views import EnrolmentPage, EnrolmentView

router = APIRouter(prefix="/v1/enrolments", tags=["enrolments"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
KitUow = Annotated[KitUnitOfWork, Depends(unit_of_work)]  # the same unit of work (FastAPI caches it)
Deps = Annotated[Dependencies, Depends(dependencies)]
Caller = Annotated[Principal, Depends(require(LEARNER, *STAFF))]


async def support_policy(request: Request) -> SupportPolicy:
    """The support-policy table bootstrap loaded (async: no thread-pool hop per request)."""
    policy: SupportPolicy = request.app.state.support_policy
    return policy


Policy = Annotated[SupportPolicy, Depends(support_policy)]


def acting(caller: Principal) -> Reach:
    """Admins act on any enrolment, area staff on their localities', a learner only on their own."""
    reach = reach_of(caller)
    if reach.everything or reach.localities or reach.own_id is not None:
        return reach
    if caller.roles & set(STAFF):
        return reach  # staff whose token names no locality: nothing is in reach, so every enrolment is a 404
    raise Problem(403, "Forbidden", kind="forbidden")


class EnrolRequest(BaseModel):
    """A place on an offering. Who the learner is (locality, sex, age...) comes from their record."""

    model_config = ConfigDict(extra="forbid")
    offering_id: UUID = Field(description="The offering")
    learner_id: UUID | None = Field(None, description="The learner; omitted: the caller enrols themself")


@router.post(
    "",
    status_code=201,
    response_model=EnrolmentView,
    summary="Enrol a learner on an offering (confirmed or waitlisted); Idempotency-Key replays",
)
async def create(
    body: EnrolRequest,
    request: Request,
    uow: Uow,
    kit_uow: KitUow,
    deps: Deps,
    policy: Policy,
    caller: Caller,
    key: Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200)] = None,
) -> Response:
    learner_id = body.learner_id or _subject_id(caller)
    reach = acting(caller)
    if _learner_only(reach) and learner_id != reach.own_id:
        raise Problem(403, "Forbidden", "a learner may only enrol themself", "forbidden")

    async def work() -> StoredResponse:
        place = await enrol(Enrol(body.offering_id, learner_id), uow, deps, policy, reach)
        return StoredResponse(201, EnrolmentView.of(place).model_dump_json().encode())

    response = await once(kit_uow, _key(request, caller, key, body), work) if key else await work()
    return Response(response.body, response.status, media_type="application/json")


def _key(request: Request, caller: Principal, key: str, body: EnrolRequest) -> IdempotencyKey:
    """The caller's key: scoped to this route and caller, kept as long as the settings say."""
    keep = request.app.state.runtime.settings.idempotency_keep_hours * 3600
    return IdempotencyKey.of(f"POST /v1/enrolments {caller.subject}", key, body.model_dump(mode="json"), keep)


def _learner_only(reach: Reach) -> bool:
    """True for a caller who reaches no one but themself (a learner)."""
    return not reach.everything and not reach.localities and reach.own_id is not None


def _subject_id(caller: Principal) -> UUID:
    try:
        return UUID(caller.subject)
    except ValueError:
        raise Problem(422, "Learner required", "name the learner enrolled", "learner-required") from None


@router.get("/{enrolment_id}", summary="One enrolment (the learner's own, or any for staff)")
async def read(enrolment_id: UUID, uow: Uow, caller: Caller) -> EnrolmentView:
    place = await read_enrolment(enrolment_id, acting(caller), uow)
    if place is None:
        raise Problem(404, "Enrolment not found", kind="not-found")
    return EnrolmentView.of(place)


@router.get("", summary="Enrolments, by request time (learners see only their own)")
async def listing(
    uow: Uow,
    caller: Caller,
    learner_id: UUID | None = None,
    offering_id: UUID | None = None,
    status: Status | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> EnrolmentPage:
    reach = acting(caller)
    own = reach.own_id if _learner_only(reach) else None
    if own is not None and learner_id not in (None, own):
        raise Problem(403, "Forbidden", "a learner sees only their own enrolments", "forbidden")
    where = EnrolmentFilter(own or learner_id, offering_id, status, reach)
    after = cursors.decode(cursor, datetime, UUID)
    places = await list_enrolments(where, (after[0], after[1]) if after else None, limit, uow)
    last = places[-1] if len(places) == limit else None
    return EnrolmentPage(
        items=[EnrolmentView.of(p) for p in places],
        next_cursor=cursors.encode(last.requested_at, last.id) if last else None,
    )


@router.post("/{enrolment_id}/withdraw", summary="Withdraw (the next waitlisted learner gets the seat)")
async def withdraw(enrolment_id: UUID, uow: Uow, deps: Deps, policy: Policy, caller: Caller) -> EnrolmentView:
    return EnrolmentView.of(await withdraw_enrolment(enrolment_id, acting(caller), uow, deps, policy))


class ProgressRequest(BaseModel):
    """Progress through the offering."""

    model_config = ConfigDict(extra="forbid")
    percent: int = Field(ge=0, le=100, description="Progress in percent (only rises)")


@router.post("/{enrolment_id}/progress", summary="Record progress (the learner, staff, or a city system)")
async def progress(
    enrolment_id: UUID,
    body: ProgressRequest,
    uow: Uow,
    deps: Deps,
    caller: Annotated[Principal, Depends(require(LEARNER, "city-system", *STAFF))],
) -> EnrolmentView:
    who = EVERYTHING if "city-system" in caller.roles else acting(caller)
    return EnrolmentView.of(await record_progress(enrolment_id, body.percent, who, uow, deps))


class CompleteRequest(BaseModel):
    """The outcome of an enrolment."""

    model_config = ConfigDict(extra="forbid")
    outcome: Literal["passed", "failed"] = Field(description="passed or failed")
    certificate_id: str | None = Field(None, min_length=1, max_length=80, description="Certificate awarded")


@router.post("/{enrolment_id}/complete", summary="Record completion (staff)")
async def complete(
    enrolment_id: UUID, body: CompleteRequest, uow: Uow, deps: Deps, reach: StaffCaller
) -> EnrolmentView:
    command = Complete(enrolment_id, body.outcome, body.certificate_id)
    return EnrolmentView.of(await complete_enrolment(command, uow, deps, reach))


@router.post("/{enrolment_id}/drop", summary="Record that an active learner stopped (staff)")
async def drop(enrolment_id: UUID, uow: Uow, deps: Deps, reach: StaffCaller) -> EnrolmentView:
    return EnrolmentView.of(await drop_enrolment(enrolment_id, uow, deps, reach))
