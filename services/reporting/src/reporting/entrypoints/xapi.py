"""xAPI 1.0.3 Statement API (a Learning Record Store for city systems): store, read back, about."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Query, Response
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from reporting.app.ports import UnitOfWork
from reporting.app.xapi_statements import StoreStatements, store_statements
from reporting.entrypoints import xapi_reads
from reporting.entrypoints.xapi_auth import XAPI_VERSION, Writer, declared

router = APIRouter(prefix="/xAPI", tags=["xapi"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]


@router.get("/about", summary="The xAPI versions this LRS speaks")
async def about(response: Response) -> dict[str, list[str]]:
    """The versions supported."""
    response.headers["X-Experience-API-Version"] = XAPI_VERSION
    return {"version": [XAPI_VERSION]}


@router.post("/statements", responses=declared(400, 409, 429))
async def post_statements(
    caller: Writer, uow: Uow, deps: Deps, response: Response, body: Annotated[Any, Body()]
) -> list[str]:
    """One statement or a batch (at most 100); all stored or none. Answers the statements' ids."""
    statements = body if isinstance(body, list) else [body]
    ids = await store_statements(StoreStatements(caller.subject, statements), uow, deps)
    response.headers["X-Experience-API-Version"] = XAPI_VERSION
    return [str(i) for i in ids]


@router.put("/statements", status_code=204, responses=declared(400, 409, 429))
async def put_statement(
    caller: Writer, uow: Uow, deps: Deps, statement_id: Annotated[UUID, Query(alias="statementId")],
    body: Annotated[Any, Body()],
) -> Response:  # fmt: skip
    """One statement under the given id (a different id in the body is refused)."""
    if not isinstance(body, dict) or str(body.get("id", statement_id)) != str(statement_id):
        raise Problem(400, "The statement id differs from statementId", kind="xapi-invalid-statement")
    await store_statements(StoreStatements(caller.subject, [{**body, "id": str(statement_id)}]), uow, deps)
    return Response(status_code=204, headers={"X-Experience-API-Version": XAPI_VERSION})


routers = [router, xapi_reads.router]
"""The Statement API's routes: writes and `about` here, reads in `xapi_reads`."""
