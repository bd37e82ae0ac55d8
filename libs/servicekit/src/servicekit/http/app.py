"""The FastAPI app factory every service uses."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from servicekit.db import UnitOfWork
from servicekit.http.auth import TokenVerifier
from servicekit.http.failures import UnhandledErrors
from servicekit.http.health import health_router
from servicekit.http.limits import BodySizeLimit, RequestMetrics
from servicekit.http.problems import PROBLEM_RESPONSES, install_problem_handlers
from servicekit.ports import Dependencies
from servicekit.runtime import ServiceRuntime


def create_app(
    runtime: ServiceRuntime,
    routers: Sequence[APIRouter],
    *,
    title: str,
    description: str,
    version: str = "1.0.0",
    refusals: Sequence[type[Exception]] = (),
) -> FastAPI:
    """An app with health, metrics, problem+json errors, auth, CORS, size limits and tracing."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.deps = Dependencies()  # bootstrap replaces it with what it injects
    app.state.token_verifier = TokenVerifier(runtime.settings)
    install_problem_handlers(app, refusals)
    app.add_middleware(UnhandledErrors)  # innermost: the request span is current, the message stays out
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


def dependencies(request: Request) -> Dependencies:
    """FastAPI dependency: the clock and id source bootstrap injected."""
    deps: Dependencies = request.app.state.deps
    return deps


def unit_of_work(request: Request) -> UnitOfWork:
    """FastAPI dependency: a fresh unit of work of this service."""
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime.uow()
