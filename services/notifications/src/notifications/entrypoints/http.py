"""HTTP API of the notifications service: a learner's in-app inbox (list, unread count, mark read)."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.limits import Limit
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.app.read_messages import messages_for, unread_count
from notifications.app.receipts import read_in_inbox
from notifications.entrypoints.page_cursor import decode_cursor, encode_cursor

router = APIRouter(prefix="/v1/learners", tags=["inbox"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Reader = Annotated[Principal, Depends(require("learner", "notifications-officer", "admin"))]
Learner = Annotated[Principal, Depends(require("learner"))]
Cursor = Annotated[str | None, Query(max_length=200, description="`next_cursor` of the previous page")]


class MessageView(BaseModel):
    """A message for a learner."""

    id: UUID
    template: str
    body_vi: str
    body_en: str
    created_at: datetime
    read: bool = Field(description="True once the learner marked it read")


class MessagePage(BaseModel):
    """One page of the inbox; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[MessageView]
    next_cursor: str | None


class UnreadView(BaseModel):
    """How many messages the learner has not read yet."""

    unread: int


def _own(caller: Principal, learner_id: UUID, *, staff_may: bool) -> None:
    staff = staff_may and bool(caller.roles & {"notifications-officer", "admin"})
    if caller.subject != str(learner_id) and not staff:
        raise Problem(403, "Forbidden", "a learner may only read their own messages", "forbidden")


@router.get("/{learner_id}/messages", summary="A learner's messages, newest first (keyset pages)")
async def list_messages(
    learner_id: UUID, uow: Uow, caller: Reader, limit: Limit = 50, cursor: Cursor = None
) -> MessagePage:
    _own(caller, learner_id, staff_may=True)
    page = await messages_for(learner_id, uow, limit, decode_cursor(cursor))
    items = [
        MessageView(
            id=m.id,
            template=m.template,
            body_vi=m.body_vi,
            body_en=m.body_en,
            created_at=m.created_at,
            read=m.read_at is not None,
        )
        for m in page
    ]
    last = (page[-1].created_at, page[-1].id) if len(page) == limit else None
    return MessagePage(items=items, next_cursor=encode_cursor(last))


@router.get("/{learner_id}/messages/unread", summary="How many of the learner's messages are unread")
async def count_unread(learner_id: UUID, uow: Uow, caller: Learner) -> UnreadView:
    _own(caller, learner_id, staff_may=False)
    return UnreadView(unread=await unread_count(learner_id, uow))


@router.post(
    "/{learner_id}/messages/{message_id}/read", status_code=204, summary="Mark a message read (and opened)"
)
async def read_message(
    learner_id: UUID, message_id: UUID, uow: Uow, caller: Learner, request: Request
) -> None:
    _own(caller, learner_id, staff_may=False)
    deps: Dependencies = request.app.state.deps
    if not await read_in_inbox(learner_id, message_id, uow, deps):
        raise Problem(404, "Not found", "no such message", "not-found")
