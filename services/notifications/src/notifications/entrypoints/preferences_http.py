"""HTTP API: a learner's channel opt-outs (their own only), and the one-click unsubscribe link (no login)."""

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
from notifications.app.preferences import opted_out, set_opt_outs, unsubscribe
from notifications.domain.contacts import Channel

router = APIRouter(tags=["preferences"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Learner = Annotated[Principal, Depends(require("learner"))]
Token = Annotated[str, Query(min_length=1, max_length=500, description="The token of the link")]


class Preferences(BaseModel):
    """The channels the learner does not want messages on (honoured from the next send on)."""

    opted_out: list[Channel] = Field(max_length=len(Channel), description="Channels opted out of")


class Unsubscribed(BaseModel):
    """The channel the link opted the learner out of."""

    channel: Channel


def _own(caller: Principal, learner_id: UUID) -> None:
    if caller.subject != str(learner_id):
        raise Problem(403, "Forbidden", "a learner may only see and set their own preferences", "forbidden")


@router.get("/v1/learners/{learner_id}/preferences", summary="The learner's channel opt-outs")
async def get_preferences(learner_id: UUID, uow: Uow, caller: Learner) -> Preferences:
    _own(caller, learner_id)
    return Preferences(opted_out=sorted(await opted_out(learner_id, uow)))


@router.put("/v1/learners/{learner_id}/preferences", summary="Set the learner's channel opt-outs")
async def put_preferences(
    learner_id: UUID, body: Preferences, uow: Uow, caller: Learner, request: Request
) -> Preferences:
    _own(caller, learner_id)
    deps: Dependencies = request.app.state.deps
    await set_opt_outs(learner_id, frozenset(body.opted_out), uow, deps)
    return Preferences(opted_out=sorted(set(body.opted_out)))


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
