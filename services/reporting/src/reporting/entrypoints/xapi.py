"""xAPI 1.0.3 Statement API (a Learning Record Store for city systems): store, read back, about."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Header, Query, Response
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from reporting.app.ports import UnitOfWork
from reporting.app.xapi_statements import StoreStatements, read_statement, store_statements

XAPI_VERSION = "1.0.3"
router = APIRouter(prefix="/xAPI", tags=["xapi"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
VersionHeader = Annotated[str | None, Header(alias="X-Experience-API-Version")]


def _versioned(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """The caller (authenticated and authorised first, so a stranger learns nothing), who must name the
    xAPI version they speak: 1.0.x."""
    allowed = require(*roles)

    async def caller(
        principal: Annotated[Principal, Depends(allowed)], version: VersionHeader = None
    ) -> Principal:
        if version is None or not version.startswith("1.0"):
            raise Problem(400, "X-Experience-API-Version 1.0.x required", kind="xapi-version")
        return principal

    return caller


Writer = Annotated[Principal, Depends(_versioned("city-system"))]
Reader = Annotated[Principal, Depends(_versioned("city-system", "admin"))]


@router.get("/about", summary="The xAPI versions this LRS speaks")
async def about(response: Response) -> dict[str, list[str]]:
    """The versions supported."""
    response.headers["X-Experience-API-Version"] = XAPI_VERSION
    return {"version": [XAPI_VERSION]}


@router.post("/statements")
async def post_statements(
    caller: Writer, uow: Uow, deps: Deps, response: Response, body: Annotated[Any, Body()]
) -> list[str]:
    """One statement or a batch (at most 100); all stored or none. Answers the statements' ids."""
    statements = body if isinstance(body, list) else [body]
    ids = await store_statements(StoreStatements(caller.subject, statements), uow, deps)
    response.headers["X-Experience-API-Version"] = XAPI_VERSION
    return [str(i) for i in ids]


@router.put("/statements", status_code=204)
async def put_statement(
    caller: Writer, uow: Uow, deps: Deps, statement_id: Annotated[UUID, Query(alias="statementId")],
    body: Annotated[Any, Body()],
) -> Response:  # fmt: skip
    """One statement under the given id (a different id in the body is refused)."""
    if not isinstance(body, dict) or str(body.get("id", statement_id)) != str(statement_id):
        raise Problem(400, "The statement id differs from statementId", kind="xapi-invalid-statement")
    await store_statements(StoreStatements(caller.subject, [{**body, "id": str(statement_id)}]), uow, deps)
    return Response(status_code=204, headers={"X-Experience-API-Version": XAPI_VERSION})


@router.get("/statements")
async def get_statement(
    caller: Reader, uow: Uow, response: Response, statement_id: Annotated[UUID, Query(alias="statementId")]
) -> dict[str, Any]:
    """One statement by id: a city system reads only its own; an administrator any."""
    client = None if "admin" in caller.roles else caller.subject
    found = await read_statement(statement_id, client, uow)
    if found is None:
        raise Problem(404, "No such statement", kind="not-found")
    response.headers["X-Experience-API-Version"] = XAPI_VERSION
    return found
