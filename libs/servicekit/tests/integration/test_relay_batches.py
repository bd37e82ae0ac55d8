"""The relay at batch rates: spans per transaction, marks landing while the next batch is sent."""

import json

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


async def test_batches_marked_while_the_next_is_sent_are_each_published_once(
    make_runtime, kafka_server, item
):
    runtime = await make_runtime(relay_enabled=False, relay_batch_size=4)
    for i in range(11):  # one transaction each: three full batches and a short one
        async with runtime.uow() as uow:
            uow.record(item(f"MARK-{i:02}"))
    relay = runtime.relay()
    published = [await relay.publish_pending() for _ in range(5)]
    assert published == [4, 4, 3, 0, 0]
    assert await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 11)
    assert sorted(json.loads(r.value)["code"] for r in records) == [f"MARK-{i:02}" for i in range(11)]
