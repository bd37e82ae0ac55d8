"""Liveness, readiness (PostgreSQL and Kafka) and the event catalogue (metrics: see metrics_server)."""

from typing import Any, Literal

from contracts.asyncapi import asyncapi_document
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from servicekit.http.problems import PROBLEM_JSON, ProblemDetails, problem_response

health_router = APIRouter(tags=["operations"])
Check = Literal["ok", "connecting", "unavailable"]


class LiveView(BaseModel):
    """The process answers."""

    status: Literal["ok"]


class ReadyView(BaseModel):
    """Every dependency is reachable."""

    status: Literal["ok"]
    checks: dict[str, Check] = Field(description="Each dependency's state (`postgres`, `kafka`)")


_NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": ProblemDetails, "content": {PROBLEM_JSON: {}}, "description": "Not ready: see `checks`"}
}


# Fixed operation ids: the same three operations are in every service's document, under the same names.
@health_router.get("/health/live", summary="The process is up", operation_id="health_live")
async def live() -> LiveView:
    return LiveView(status="ok")


@health_router.get(
    "/health/ready",
    summary="PostgreSQL and Kafka are reachable",
    operation_id="health_ready",
    response_model=ReadyView,
    responses=_NOT_READY,
)
async def ready(request: Request) -> Any:
    """200, or 503 whose `checks` give each dependency's state: `ok`, `connecting` or `unavailable`.

    Only these words: why a dependency failed is in the service's log, not for callers to see.
    """
    checks = await request.app.state.runtime.readiness()
    if all(v == "ok" for v in checks.values()):
        return {"status": "ok", "checks": checks}
    return problem_response(503, "Not ready", kind="not-ready", checks=checks)


@health_router.get(
    "/asyncapi.json",
    summary="The platform's event catalogue (AsyncAPI 3.0)",
    operation_id="event_catalogue",
)
async def asyncapi() -> dict[str, Any]:
    document: dict[str, Any] = asyncapi_document()
    return document
