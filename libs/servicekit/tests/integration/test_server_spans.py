"""The kit's server span: child of the caller's, named by route template, and built without personal data."""

import httpx
import pytest
from fastapi import APIRouter
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from servicekit.http.app import create_app
from servicekit.telemetry import SCRUBBED_ATTRIBUTES

pytestmark = pytest.mark.integration

CALLER_TRACE, CALLER_SPAN = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"


async def _served(make_runtime, paths: list[str]) -> list:
    """Spans as the provider holds them BEFORE scrubbing (an exporter attached to it directly)."""
    router = APIRouter()

    @router.get("/v1/learners/{learner_id}")
    async def learner(learner_id: str) -> dict[str, str]:
        return {"id": learner_id}

    runtime = await make_runtime([], start=False)
    unscrubbed = InMemorySpanExporter()
    runtime.telemetry.provider.add_span_processor(SimpleSpanProcessor(unscrubbed))
    app = create_app(runtime, [router], title="kit test", description="Server spans")
    headers = {"traceparent": f"00-{CALLER_TRACE}-{CALLER_SPAN}-01", "User-Agent": "Mozilla/5.0 Lan"}
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers)
    async with app.router.lifespan_context(app), client as http:
        for path in paths:
            await http.get(path)
    return [s for s in unscrubbed.get_finished_spans() if s.kind == SpanKind.SERVER]


async def test_the_server_span_is_the_callers_child_and_never_holds_the_path_client_or_agent(make_runtime):
    [span] = await _served(make_runtime, ["/v1/learners/0912345678?email=lan@example.vn", "/health/live"])
    assert span.name == "GET /v1/learners/{learner_id}"
    assert dict(span.attributes) == {
        "http.request.method": "GET",
        "http.route": "/v1/learners/{learner_id}",
        "http.response.status_code": 200,
    }
    assert not SCRUBBED_ATTRIBUTES & set(span.attributes)
    assert format(span.context.trace_id, "032x") == CALLER_TRACE
    assert format(span.parent.span_id, "016x") == CALLER_SPAN
    assert len(span.events) == 0  # no per-send child spans or events either
    assert span.status.status_code == StatusCode.UNSET


async def test_an_unmatched_path_gets_a_span_named_by_method_only(make_runtime):
    [span] = await _served(make_runtime, ["/v1/nothing/0912345678"])
    assert span.name == "GET"
    assert span.attributes["http.response.status_code"] == 404
    assert "http.route" not in span.attributes
