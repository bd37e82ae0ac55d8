"""All four services in this process, each with its own app, database, pool, consumer group and tracer."""

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx
import pytest
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment_bootstrap
from notifications.bootstrap import NotificationsSettings
from notifications.bootstrap import bootstrap as notifications_bootstrap
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from reporting.bootstrap import ReportingSettings
from reporting.bootstrap import bootstrap as reporting_bootstrap
from servicekit.http.auth import issue_dev_token
from servicekit.runtime import Service

SERVICES = {
    "content": (ContentSettings, content_bootstrap),
    "enrolment": (EnrolmentSettings, enrolment_bootstrap),
    "notifications": (NotificationsSettings, notifications_bootstrap),
    "reporting": (ReportingSettings, reporting_bootstrap),
}


@dataclass
class RunningService:
    """A started service with an HTTP client and the spans it exported."""

    service: Service
    client: httpx.AsyncClient
    spans: InMemorySpanExporter

    def token(self, subject: str, *roles: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {issue_dev_token(self.service.runtime.settings, subject, list(roles))}"
        }


@pytest.fixture
async def platform(kafka_server, fresh_database, topic_prefix) -> AsyncIterator[dict[str, RunningService]]:
    """The four services started against real Kafka and PostgreSQL."""
    running: dict[str, RunningService] = {}
    async with AsyncExitStack() as stack:
        for name, (settings_class, bootstrap) in SERVICES.items():
            settings = settings_class(
                database_url=await fresh_database(name),
                kafka_bootstrap=kafka_server.bootstrap_servers,
                topic_prefix=topic_prefix,
                relay_poll_seconds=0.2,
                consumer_backoff_seconds=0.05,
                jwt_dev_secret=secrets.token_urlsafe(32),
            )
            service = bootstrap(settings)
            await asyncio.to_thread(service.runtime.migrate)
            spans = InMemorySpanExporter()
            service.runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
            await stack.enter_async_context(service.app.router.lifespan_context(service.app))
            client = await stack.enter_async_context(
                httpx.AsyncClient(transport=httpx.ASGITransport(app=service.app), base_url=f"http://{name}")
            )
            running[name] = RunningService(service, client, spans)
        yield running
