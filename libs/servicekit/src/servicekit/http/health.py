"""Liveness, readiness (PostgreSQL and Kafka), Prometheus metrics and the event catalogue."""

from typing import Any

from contracts.asyncapi import asyncapi_document
from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

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


@health_router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    registry = request.app.state.runtime.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


@health_router.get("/asyncapi.json", summary="The platform's event catalogue (AsyncAPI 3.0)")
async def asyncapi() -> dict[str, Any]:
    document: dict[str, Any] = asyncapi_document()
    return document
