"""xAPI 1.0.3 statement reads: one by id, or a StatementResult page with the standard filters."""

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field
from servicekit.http import cursors
from servicekit.http.app import unit_of_work
from servicekit.http.pages import CursorQuery
from servicekit.http.problems import Problem

from reporting.app.ports import UnitOfWork
from reporting.app.xapi_queries import query_statements
from reporting.app.xapi_statements import read_statement
from reporting.domain.xapi_query import MAX_PAGE, QueryRefused, StatementQuery, agent_filter, instant
from reporting.entrypoints.xapi_auth import CONSISTENT_THROUGH, XAPI_VERSION, Reader, declared

router = APIRouter(prefix="/xAPI", tags=["xapi"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Text = Annotated[str | None, Query(max_length=2048)]


class StatementResult(BaseModel):
    """A page of statements (newest stored first unless `ascending`) and the link to the next page."""

    statements: list[dict[str, Any]] = Field(description="The statements as sent, with `stored`")
    more: str = Field(description="Relative IRL of the next page; empty on the last page")


@router.get("/statements", responses=declared(400, 404, 429), response_model=None)
async def get_statements(
    caller: Reader,
    uow: Uow,
    request: Request,
    response: Response,
    statement_id: Annotated[UUID | None, Query(alias="statementId")] = None,
    agent: Annotated[str | None, Query(max_length=2048, description="JSON Agent (one identifier)")] = None,
    verb: Annotated[str | None, Query(max_length=2048, description="Verb id (IRI)")] = None,
    activity: Annotated[str | None, Query(max_length=2048, description="Object id (IRI)")] = None,
    registration: Annotated[UUID | None, Query(description="context.registration")] = None,
    since: Annotated[str | None, Query(max_length=64, description="Stored after (exclusive)")] = None,
    until: Annotated[str | None, Query(max_length=64, description="Stored at or before")] = None,
    limit: Annotated[int, Query(ge=0, le=10_000, description=f"0: the most, {MAX_PAGE}")] = 0,
    ascending: Annotated[bool, Query(description="Oldest stored first")] = False,
    cursor: CursorQuery = None,
) -> dict[str, Any]:
    """One statement by `statementId`, or a StatementResult of the caller's statements (an administrator:
    everyone's) matching the filters, with `more` linking the next page."""
    response.headers["X-Experience-API-Version"] = XAPI_VERSION
    client = None if "admin" in caller.roles else caller.subject  # a city system reads its own only
    filters = {k: v for k, v in request.query_params.items() if k != "cursor"}
    if statement_id is not None:
        if len(filters) > 1:
            raise QueryRefused("statementId may not be combined with other filters")
        found, through = await read_statement(statement_id, client, uow)
        response.headers[CONSISTENT_THROUGH] = through.isoformat()
        if found is None:
            raise Problem(404, "No such statement", kind="not-found")
        return found
    query = StatementQuery(
        client,
        agent_filter(agent) if agent is not None else None,
        verb,
        activity,
        registration,
        instant(since, "since"),
        instant(until, "until"),
        limit,
        ascending,
        cursors.decode(cursor, datetime, UUID),
    )
    page = await query_statements(query, uow)
    response.headers[CONSISTENT_THROUGH] = page.consistent_through.isoformat()
    more = ""
    if page.next_after is not None:
        after = {**filters, "cursor": cursors.encode(*page.next_after)}
        more = f"{request.scope.get('root_path', '')}/xAPI/statements?{urlencode(after)}"
    return StatementResult(statements=page.statements, more=more).model_dump()
