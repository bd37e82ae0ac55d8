"""The access log and the HTTP spans name route templates, never raw paths, clients or user agents."""

import asyncio
import json
import uuid

import httpx
import pytest
import uvicorn
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from localinfra.polling import eventually
from localinfra.ports import free_port
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from servicekit.httpworkers import uvicorn_config

pytestmark = pytest.mark.integration

AGENT = "Mozilla/5.0 (owner nguyen.van.an@example.vn)"


async def test_the_access_log_names_the_route_template_and_no_client(start_service, json_log):
    async with start_service(ContentSettings, content_bootstrap) as content:
        config = uvicorn_config(content.runtime.settings, app_for(content))
        config.port, config.lifespan = free_port(), "off"  # the fixture has started the runtime
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        try:
            await eventually(lambda: asyncio.sleep(0, server.started), timeout=10)
            course = uuid.uuid4()
            async with httpx.AsyncClient() as client:
                await client.get(
                    f"http://127.0.0.1:{config.port}/v1/courses/{course}", headers={"User-Agent": AGENT}
                )
        finally:
            server.should_exit = True
            await serving
    logged = json_log()
    assert str(course) not in logged and "nguyen" not in logged
    lines = [json.loads(line) for line in logged.splitlines()]
    assert not [line for line in lines if line["logger"] == "uvicorn.access"]  # "127.0.0.1:5678 - GET ..."
    access = [line["message"] for line in lines if line["logger"] == "servicekit.access"]
    assert access == ["GET /v1/courses/{course_id} 404"]


def app_for(running):
    return running.client._transport.app  # the very app the fixture started


async def test_http_spans_carry_the_route_template_but_no_url_client_or_user_agent(start_service):
    async with start_service(ContentSettings, content_bootstrap) as content:
        spans = InMemorySpanExporter()
        content.runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
        course = uuid.uuid4()
        await content.client.get(f"/v1/courses/{course}?email=an@example.vn", headers={"User-Agent": AGENT})
    [server] = [s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER]
    exported = repr(dict(server.attributes)) + server.name
    assert server.attributes["http.route"] == "/v1/courses/{course_id}"
    assert server.name == "GET /v1/courses/{course_id}"
    for leaked in (str(course), "example.vn", "Mozilla", "127.0.0.1"):
        assert leaked not in exported, (leaked, exported)
