"""HTTP API of the offering read model (seats left, waitlist) and of a learner's own dashboard."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem

from enrolment.app.ports import UnitOfWork
from enrolment.app.reads import dashboard, list_offerings, read_offering
from enrolment.entrypoints import cursors
from enrolment.entrypoints.enrolment_views import DashboardView, OfferingPage, OfferingView
from enrolment.entrypoints.enrolments import STAFF, acting

router = APIRouter(tags=["offerings"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Anyone = Annotated[Principal, Depends(require())]


@router.get("/v1/offerings/{offering_id}", summary="One offering: seats left and waitlist length")
async def read(offering_id: UUID, uow: Uow, _: Anyone) -> OfferingView:
    seats = await read_offering(offering_id, uow)
    if seats is None:
        raise Problem(404, "Offering not found", kind="offering-not-found")
    return OfferingView.of(seats)


@router.get("/v1/offerings", summary="Offerings, by id")
async def listing(
    uow: Uow,
    _: Anyone,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> OfferingPage:
    page = await list_offerings(cursors.after_id(cursor), limit, uow)
    last = page[-1].offering.id if len(page) == limit else None
    return OfferingPage(
        items=[OfferingView.of(s) for s in page], next_cursor=cursors.encode(last) if last else None
    )


@router.get("/v1/learners/{learner_id}/dashboard", summary="A learner's enrolments, progress and benefits")
async def learner_dashboard(
    learner_id: UUID, uow: Uow, caller: Annotated[Principal, Depends(require("learner", *STAFF))]
) -> DashboardView:
    if acting(caller).learner_id not in (None, learner_id):
        raise Problem(404, "Learner not found", kind="not-found")
    return DashboardView.of(await dashboard(learner_id, uow))
