"""``GET /v1/inbound/errors``: the per-source error report; a city system sees only its own lines."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from servicekit.db import UnitOfWork
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.inbound_errors import error_report

CITY_SYSTEM, ADMIN = "city-system", "admin"
router = APIRouter(prefix="/v1/inbound", tags=["inbound"])


class ErrorLine(BaseModel):
    """Messages of one sender on one topic that failed for one reason code."""

    source: str = Field(description="The sender: a declared principal, or `unknown`.")
    topic: str = Field(description="The topic the messages were written to.")
    code: str = Field(description="Why they failed (a rejection code, e.g. `invalid_payload`).")
    count: int = Field(description="How many messages failed so.")
    first_at: datetime = Field(description="When the first failed.")
    last_at: datetime = Field(description="When the latest failed.")


class ErrorReport(BaseModel):
    """The error report: what a sender sent that the platform could not take, and why."""

    lines: list[ErrorLine] = Field(description="One line per (source, topic, code), most recent first.")


@router.get("/errors", response_model=ErrorReport, operation_id="inbound_errors")
async def inbound_errors(
    caller: Annotated[Principal, Depends(require(CITY_SYSTEM, ADMIN))],
    uow: Annotated[UnitOfWork, Depends(unit_of_work)],
    source: Annotated[str | None, Query(max_length=100, description="Only this sender (admin)")] = None,
) -> ErrorReport:
    """Admin: every sender (or `source`). A city system: its own lines only, whatever `source` says."""
    wanted = source if ADMIN in caller.roles else caller.subject
    async with uow:
        lines = await error_report(uow.connection, wanted)
    return ErrorReport(lines=[ErrorLine(**vars(line)) for line in lines])
