"""All four services in this process, each with its own app, database, pool, consumer group and tracer."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass

import pytest
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment_bootstrap
from localinfra.service_fixtures import RunningService
from notifications.bootstrap import NotificationsSettings
from notifications.bootstrap import bootstrap as notifications_bootstrap
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from reporting.bootstrap import ReportingSettings
from reporting.bootstrap import bootstrap as reporting_bootstrap

SERVICES = {
    "content": (ContentSettings, content_bootstrap),
    "enrolment": (EnrolmentSettings, enrolment_bootstrap),
    "notifications": (NotificationsSettings, notifications_bootstrap),
    "reporting": (ReportingSettings, reporting_bootstrap),
}


@dataclass
class TracedService:
    """A started service and the spans it exported."""

    running: RunningService
    spans: InMemorySpanExporter

    @property
    def client(self):
        return self.running.client

    def token(self, subject: str, *roles: str, localities: list[str] | None = None) -> dict[str, str]:
        return self.running.token(subject, *roles, localities=localities)


@pytest.fixture
async def platform(start_service, topic_prefix) -> AsyncIterator[dict[str, TracedService]]:
    """The four services started against real Kafka and PostgreSQL, sharing one topic prefix."""
    services: dict[str, TracedService] = {}
    async with AsyncExitStack() as stack:
        for name, (settings_class, bootstrap) in SERVICES.items():
            running = await stack.enter_async_context(
                start_service(settings_class, bootstrap, topic_prefix=topic_prefix)
            )
            spans = InMemorySpanExporter()
            running.runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
            services[name] = TracedService(running, spans)
        yield services
