"""Relay traces at batch rates: a transaction's rows share one PRODUCER span, and every message carries it."""

import pytest
from localinfra.topics import read_topic
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

pytestmark = pytest.mark.integration


async def test_rows_of_one_transaction_share_a_publish_span_that_each_message_carries(
    make_runtime, kafka_server, item
):
    runtime = await make_runtime(relay_enabled=False)
    spans = InMemorySpanExporter()
    runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
    for batch in ("A", "B"):  # two transactions of three rows each
        async with runtime.uow() as uow:
            uow.record(*(item(f"SPAN-{batch}{i}") for i in range(3)))
    assert await runtime.relay().publish_pending() == 6

    transactions = [s for s in spans.get_finished_spans() if s.name == "db.transaction"]
    publish = [s for s in spans.get_finished_spans() if s.kind == SpanKind.PRODUCER]
    assert sorted(p.parent.span_id for p in publish) == sorted(t.context.span_id for t in transactions)
    assert all(p.attributes["messaging.batch.message_count"] == 3 for p in publish)
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 6)
    carried = [dict(r.headers)["traceparent"].decode().split("-")[2] for r in records]
    assert sorted(carried) == sorted(f"{p.context.span_id:016x}" for p in publish for _ in range(3))
