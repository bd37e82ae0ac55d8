"""Liveness, readiness (PostgreSQL and Kafka) and the event catalogue (metrics: see metrics_server)."""

from typing import Any

from contracts.asyncapi import asyncapi_document
from fastapi import APIRouter, Request

from servicekit.http.problems import problem_response

health_router = APIRouter(tags=["operations"])


@health_router.get("/health/live", summary="The process is up")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@health_router.get("/health/ready", summary="PostgreSQL and Kafka are reachable", response_model=None)
async def ready(request: Request) -> Any:
    """200, or 503 whose `checks` give each dependency's state: `ok`, `connecting` or `unavailable`.

    Only these words: why a dependency failed is in the service's log, not for callers to see.
    """
    checks = await request.app.state.runtime.readiness()
    if all(v == "ok" for v in checks.values()):
        return {"status": "ok", "checks": checks}
    return problem_response(503, "Not ready", kind="not-ready", checks=checks)


@health_router.get("/asyncapi.json", summary="The platform's event catalogue (AsyncAPI 3.0)")
async def asyncapi() -> dict[str, Any]:
    document: dict[str, Any] = asyncapi_document()
    return document
