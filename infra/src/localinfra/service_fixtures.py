"""pytest fixtures for HTTP tests: a service in-process on the session's Kafka and PostgreSQL."""

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from servicekit.http.auth import issue_dev_token
from servicekit.http.problems import PROBLEM_JSON
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import ServiceSettings

from localinfra.kafka import KafkaServer
from localinfra.postgres import PostgresServer, create_service_database, drop_database
from localinfra.pytest_plugin import unique_database_name

FRONT_END = "https://app.example"
MAX_BODY_BYTES = 4096


@dataclass
class RunningService:
    """A started service: its runtime (settings, pool) and an HTTP client on its app."""

    runtime: ServiceRuntime
    client: httpx.AsyncClient

    @property
    def db(self) -> asyncpg.Pool:
        """The service's own database pool, to arrange or inspect rows."""
        return self.runtime.pool

    def token(self, subject: str, *roles: str, localities: list[str] | None = None) -> dict[str, str]:
        """An Authorization header for `subject` with `roles` (and `localities`), signed with the dev key."""
        token = issue_dev_token(self.runtime.settings, subject, list(roles), areas=localities)
        return {"Authorization": f"Bearer {token}"}


ServiceStarter = Callable[..., AbstractAsyncContextManager[RunningService]]


@pytest.fixture(scope="session")
def start_service(kafka_server: KafkaServer, postgres_server: PostgresServer) -> ServiceStarter:
    """`async with start_service(Settings, bootstrap) as svc:` on a fresh database and topic prefix.

    Every service gets CORS for FRONT_END and a MAX_BODY_BYTES body limit, so those behaviours are testable.
    """

    @asynccontextmanager
    async def start(
        settings_class: type[ServiceSettings],
        bootstrap: Callable[[Any], Service],
        topic_prefix: str = "",
        **overrides: Any,
    ) -> AsyncIterator[RunningService]:
        name = unique_database_name(settings_class.model_fields["service_name"].default)
        database = await create_service_database(postgres_server, name, secrets.token_urlsafe(16))
        values: dict[str, Any] = dict(
            database_url=database.runtime,  # serves as the read/write-only role; migrates as the owner
            migration_database_url=database.migration,
            kafka_bootstrap=kafka_server.bootstrap_servers,
            topic_prefix=topic_prefix or f"t{uuid.uuid4().hex[:8]}.",  # services in one test may share it
            relay_poll_seconds=0.2,
            consumer_backoff_seconds=0.05,
            jwt_dev_secret=secrets.token_urlsafe(32),
            cors_origins=[FRONT_END],
            max_request_bytes=MAX_BODY_BYTES,
        )
        settings = settings_class(**{**values, **overrides})  # overrides: e.g. a principal's Kafka security
        service = bootstrap(settings)
        try:
            await asyncio.to_thread(service.runtime.migrate)
            transport = httpx.ASGITransport(app=service.app)
            async with (
                service.app.router.lifespan_context(service.app),
                httpx.AsyncClient(transport=transport, base_url="http://service") as client,
            ):
                await service.runtime.connected(timeout=60)  # the app starts before its dependencies are up
                yield RunningService(service.runtime, client)
        finally:
            await drop_database(postgres_server, name)

    return start


@pytest.fixture(scope="session")
def problem() -> Callable[[httpx.Response, int], dict[str, Any]]:
    """`problem(response, 409)` asserts an RFC 9457 problem+json with that status and returns its body."""

    def check(response: httpx.Response, status: int) -> dict[str, Any]:
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == PROBLEM_JSON
        body: dict[str, Any] = response.json()
        assert body["status"] == status and body["title"] and body["type"]
        return body

    return check
