"""HTTP API of the notifications service: a learner's messages."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.limits import Limit, Offset
from servicekit.http.problems import Problem

from notifications.app.ports import UnitOfWork
from notifications.app.read_messages import messages_for

router = APIRouter(prefix="/v1/learners", tags=["messages"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]


class MessageView(BaseModel):
    """A message for a learner."""

    id: UUID
    template: str
    body_vi: str
    body_en: str
    created_at: datetime


@router.get("/{learner_id}/messages", summary="A learner's messages, newest first")
async def list_messages(
    learner_id: UUID,
    uow: Uow,
    caller: Annotated[Principal, Depends(require("learner", "notifications-officer", "admin"))],
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[MessageView]:
    if caller.subject != str(learner_id) and not caller.roles & {"notifications-officer", "admin"}:
        raise Problem(403, "Forbidden", "a learner may only read their own messages", "forbidden")
    return [
        MessageView(
            id=m.id, template=m.template, body_vi=m.body_vi, body_en=m.body_en, created_at=m.created_at
        )
        for m in await messages_for(learner_id, uow, limit, offset)
    ]
