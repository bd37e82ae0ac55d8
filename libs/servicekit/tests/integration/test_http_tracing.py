"""The HTTP server span: an unhandled error is recorded by type only, and the transaction is its child."""

from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Depends
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from servicekit.db import UnitOfWork
from servicekit.http.app import create_app, unit_of_work

pytestmark = pytest.mark.integration

SECRET = "Nguyễn Thị Lan, 0912 345 678"  # what an exception message might quote


class LookupFailed(Exception):
    """Stands in for any unexpected error."""


async def test_unhandled_error_is_recorded_on_the_request_span_by_type_only(make_runtime):
    router = APIRouter()

    @router.post("/v1/things")
    async def fail(uow: Annotated[UnitOfWork, Depends(unit_of_work)]) -> None:
        async with uow:
            raise LookupFailed(SECRET)

    runtime = await make_runtime([], start=False)
    spans = InMemorySpanExporter()
    runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
    app = create_app(runtime, [router], title="kit test", description="Error spans")
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    client = httpx.AsyncClient(transport=transport, base_url="http://t")
    async with app.router.lifespan_context(app), client as http:
        await runtime.connected(60)
        response = await http.post("/v1/things")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    [request] = [s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER]
    [transaction] = [s for s in spans.get_finished_spans() if s.name == "db.transaction"]
    assert transaction.parent.span_id == request.context.span_id
    for span in (request, transaction):
        assert span.status.status_code == StatusCode.ERROR, span.name
        [event] = [e for e in span.events if e.name == "exception"]
        assert event.attributes["exception.type"].endswith("LookupFailed")
        assert SECRET not in str([dict(e.attributes) for e in span.events]) + str(span.status.description)


async def test_requests_are_traced_by_the_kit_alone_without_global_provider_lookups(
    make_runtime, monkeypatch
):
    from opentelemetry import trace

    router = APIRouter()

    @router.get("/v1/things")
    async def things() -> dict[str, int]:
        return {"things": 0}

    runtime = await make_runtime([], start=False)
    spans = InMemorySpanExporter()
    runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
    app = create_app(runtime, [router], title="kit test", description="One tracer")
    looked_up: list[int] = []
    real = trace.get_tracer_provider
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: looked_up.append(1) or real())
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
    async with app.router.lifespan_context(app), client as http:
        looked_up.clear()  # starting may look; serving a request must not
        assert (await http.get("/v1/things")).status_code == 200
    assert looked_up == [], "FastAPI's own telemetry looked the global tracer provider up per request"
    assert [s.name for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER] == ["GET /v1/things"]
