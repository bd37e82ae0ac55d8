"""HTTP API: a learner's channel opt-outs (their own only), and the one-click unsubscribe link (no login)."""

from datetime import time
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from notifications.app.outside_ports import UnsubscribeLinks
from notifications.app.ports import UnitOfWork
from notifications.app.preferences import (
    opted_out,
    own_quiet_hours,
    set_opt_outs,
    set_quiet_hours,
    unsubscribe,
)
from notifications.domain.contacts import Channel
from notifications.domain.preferences import QuietHours

router = APIRouter(tags=["preferences"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Learner = Annotated[Principal, Depends(require("learner"))]
Token = Annotated[str, Query(min_length=1, max_length=500, description="The token of the link")]


class QuietHoursBody(BaseModel):
    """Hours (Hanoi time) in which non-urgent messages wait; start > end spans midnight, start = end: none."""

    start: int = Field(ge=0, le=23, description="Hanoi hour from which non-urgent messages wait")
    end: int = Field(ge=0, le=23, description="Hanoi hour at which waiting messages go out")


class Preferences(BaseModel):
    """The channels the learner does not want messages on, and their own quiet hours (honoured from the
    next send on)."""

    opted_out: list[Channel] = Field(max_length=len(Channel), description="Channels opted out of")
    quiet_hours: QuietHoursBody | None = Field(
        None, description="The learner's own quiet hours; null: the city's default (21:00-07:00)"
    )


class Unsubscribed(BaseModel):
    """The channel the link opted the learner out of."""

    channel: Channel


def _own(caller: Principal, learner_id: UUID) -> None:
    if caller.subject != str(learner_id):
        raise Problem(403, "Forbidden", "a learner may only see and set their own preferences", "forbidden")


@router.get("/v1/learners/{learner_id}/preferences", summary="The learner's channel opt-outs")
async def get_preferences(learner_id: UUID, uow: Uow, caller: Learner) -> Preferences:
    _own(caller, learner_id)
    hours = await own_quiet_hours(learner_id, uow)
    quiet = None if hours is None else QuietHoursBody(start=hours.start.hour, end=hours.end.hour)
    return Preferences(opted_out=sorted(await opted_out(learner_id, uow)), quiet_hours=quiet)


@router.put("/v1/learners/{learner_id}/preferences", summary="Set the learner's channel opt-outs")
async def put_preferences(
    learner_id: UUID, body: Preferences, uow: Uow, caller: Learner, request: Request
) -> Preferences:
    _own(caller, learner_id)
    deps: Dependencies = request.app.state.deps
    q = body.quiet_hours
    async with uow:  # both in one transaction
        await set_opt_outs(learner_id, frozenset(body.opted_out), uow, deps)
        await set_quiet_hours(learner_id, None if q is None else QuietHours(time(q.start), time(q.end)), uow)
    return Preferences(opted_out=sorted(set(body.opted_out)), quiet_hours=q)


@router.get("/v1/unsubscribe", summary="Unsubscribe by following the signed link")
async def follow_unsubscribe_link(token: Token, uow: Uow, request: Request) -> Unsubscribed:
    return await _unsubscribe(token, uow, request)


@router.post("/v1/unsubscribe", summary="One-click unsubscribe (RFC 8058, from the mail client)")
async def post_unsubscribe_link(token: Token, uow: Uow, request: Request) -> Unsubscribed:
    return await _unsubscribe(token, uow, request)


async def _unsubscribe(token: str, uow: UnitOfWork, request: Request) -> Unsubscribed:
    links: UnsubscribeLinks | None = request.app.state.unsubscribe_links
    if links is None:
        raise Problem(404, "Not found", "unsubscribe links are not enabled here", "not-found")
    deps: Dependencies = request.app.state.deps
    return Unsubscribed(channel=await unsubscribe(token, links, uow, deps))
