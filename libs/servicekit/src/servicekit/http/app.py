"""The FastAPI app factory every service uses."""

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import asyncpg
from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from servicekit.db import UnitOfWork
from servicekit.http.auth import TokenVerifier, check_auth_settings
from servicekit.http.clients import BasicClients
from servicekit.http.failures import UnhandledErrors
from servicekit.http.health import health_router
from servicekit.http.jwks import JwksKeys
from servicekit.http.limits import BodySizeLimit, RequestMetrics
from servicekit.http.metrics_server import MetricsServer
from servicekit.http.openapi import install_openapi, operation_id
from servicekit.http.problems import install_problem_handlers, problem_response
from servicekit.http.tracing import ServerSpans
from servicekit.idempotency import KeyReused
from servicekit.ports import Dependencies
from servicekit.runtime import NotConnected, ServiceRuntime


def create_app(
    runtime: ServiceRuntime,
    routers: Sequence[APIRouter],
    *,
    title: str,
    description: str,
    version: str = "1.0.0",
    refusals: Sequence[type[Exception]] = (),
) -> FastAPI:
    """An app with health, problem+json errors, auth, CORS, size limits and tracing (metrics: own port).

    It refuses to start without a token key, or with the dev key on a non-loopback address.
    """
    settings = runtime.settings
    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=_lifespan(runtime),
        generate_unique_id_function=operation_id,
        # The kit traces with its own ServerSpans middleware on its own provider (below) and counts
        # requests itself; FastAPI's own telemetry, left on, looked the global providers up in the
        # environment on every request (~8 % of an enrolment's samples) only to find them unset.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.runtime = runtime
    app.state.deps = Dependencies()  # bootstrap replaces it with what it injects
    app.state.token_verifier = TokenVerifier(settings)
    app.state.basic_clients = BasicClients.read(settings.client_credentials_file)  # a bad file stops here
    install_problem_handlers(app, [*refusals, KeyReused])
    app.add_exception_handler(NotConnected, _not_connected)
    app.add_exception_handler(asyncpg.PostgresConnectionError, _not_connected)
    app.add_exception_handler(asyncpg.CannotConnectNowError, _not_connected)
    app.add_exception_handler(ConnectionError, _not_connected)  # refused/reset while PostgreSQL is away
    app.add_exception_handler(asyncpg.CharacterNotInRepertoireError, _unstorable_text)
    app.add_exception_handler(asyncpg.UntranslatableCharacterError, _unstorable_text)
    app.add_middleware(UnhandledErrors)  # innermost: the request span is current, the message stays out
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(RequestMetrics, metrics=runtime.metrics)  # outermost: counts and logs 413s too
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "traceparent"],
        )
    app.add_middleware(ServerSpans, tracer=runtime.telemetry.tracer)  # outermost: one span per request
    app.include_router(health_router)
    for router in routers:
        app.include_router(router)
    install_openapi(app, [*refusals, KeyReused], server_url=f"/api/{settings.service_name}")
    app.openapi()  # built now: a clashing operationId stops the service at start, not at its first reader
    return app


async def dependencies(request: Request) -> Dependencies:
    """FastAPI dependency: the clock and id source bootstrap injected.

    Dependencies are `async def`: FastAPI runs a plain `def` one in its thread pool, a thread hop per
    request that showed in the enrolment profile."""
    deps: Dependencies = request.app.state.deps
    return deps


def _lifespan(runtime: ServiceRuntime) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    settings = runtime.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        check_auth_settings(settings)  # before anything connects or binds
        jwks: JwksKeys | None = app.state.token_verifier.jwks
        if jwks is not None:
            await jwks.start()  # first fetch bounded by its timeout; then refreshed in the background
        metrics = MetricsServer(runtime.metrics.exposed, settings.http_host, settings.metrics_port or 0)
        await runtime.start(background=True)  # serve /health at once; dependencies come up when they can
        try:
            if settings.metrics_port and not runtime.http_only:  # one scrape target: the main process
                metrics.start()
            yield
        finally:
            await metrics.stop()
            await runtime.stop()
            if jwks is not None:
                await jwks.stop()

    return lifespan


async def _not_connected(request: Request, exc: Exception) -> JSONResponse:
    """Our own database or broker is not there (yet): the client may retry; the readiness probe says why."""
    response = problem_response(503, "Service unavailable", "Try again shortly.", "unavailable")
    response.headers["Retry-After"] = "5"
    return response


async def _unstorable_text(request: Request, exc: Exception) -> JSONResponse:
    """Text PostgreSQL cannot store (a NUL character, valid JSON but never valid text): the caller's input.

    Every service's free text reaches PostgreSQL, so the kit answers for all of them; the transaction was
    rolled back, and the input is not quoted (it may be personal data)."""
    return problem_response(
        422, "Request is not valid", "Text may not contain NUL characters.", "validation", errors=[]
    )


async def unit_of_work(request: Request) -> UnitOfWork:
    """FastAPI dependency: a fresh unit of work of this service."""
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime.uow()
