"""The FastAPI app factory every service uses."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import asyncpg
from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from servicekit.db import UnitOfWork
from servicekit.http.auth import TokenVerifier
from servicekit.http.health import health_router
from servicekit.http.limits import BodySizeLimit, RequestMetrics
from servicekit.http.problems import PROBLEM_RESPONSES, install_problem_handlers, problem_response
from servicekit.runtime import NotConnected, ServiceRuntime


def create_app(
    runtime: ServiceRuntime,
    routers: Sequence[APIRouter],
    *,
    title: str,
    description: str,
    version: str = "1.0.0",
) -> FastAPI:
    """An app with health, metrics, problem+json errors, auth, CORS, size limits and tracing."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.start(background=True)  # serve /health at once; dependencies come up when they can
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.token_verifier = TokenVerifier(runtime.settings)
    install_problem_handlers(app)
    app.add_exception_handler(NotConnected, _not_connected)
    app.add_exception_handler(asyncpg.PostgresConnectionError, _not_connected)
    app.add_exception_handler(asyncpg.CannotConnectNowError, _not_connected)
    app.add_exception_handler(ConnectionError, _not_connected)  # refused/reset while PostgreSQL is away
    app.add_middleware(BodySizeLimit, max_bytes=runtime.settings.max_request_bytes)
    app.add_middleware(RequestMetrics, metrics=runtime.metrics)  # outermost: counts 413s too
    if runtime.settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=runtime.settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "traceparent"],
        )
    app.include_router(health_router)
    for router in routers:
        app.include_router(router, responses=PROBLEM_RESPONSES)
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=runtime.telemetry.provider,
        excluded_urls="health/.*,metrics",
        exclude_spans=["receive", "send"],
    )
    return app


async def _not_connected(request: Request, exc: Exception) -> JSONResponse:
    """Our own database or broker is not there (yet): the client may retry; the readiness probe says why."""
    response = problem_response(503, "Service unavailable", "Try again shortly.", "unavailable")
    response.headers["Retry-After"] = "5"
    return response


def unit_of_work(request: Request) -> UnitOfWork:
    """FastAPI dependency: a fresh unit of work of this service."""
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime.uow()
