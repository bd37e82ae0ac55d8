"""Consumer-side traces: span parents, batch links and recorded errors, against real Kafka and PostgreSQL."""

import secrets

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.envelope import Envelope, encode_event, source_for
from localinfra.polling import eventually
from localinfra.topics import Message, produce, produce_together, read_topic
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork

from libs.servicekit.tests.kit_events import ItemPublishedV1

pytestmark = pytest.mark.integration


def traced(event) -> tuple[Message, tuple[int, int]]:
    """A record carrying a producer's trace context; returns it with that (trace id, span id)."""
    trace_id, span_id = secrets.token_hex(16), secrets.token_hex(8)
    envelope = Envelope.for_event(
        event, source=source_for("kittest"), traceparent=f"00-{trace_id}-{span_id}-01"
    )
    return (encode_event(event), envelope.to_headers()), (int(trace_id, 16), int(span_id, 16))


def exported(runtime) -> InMemorySpanExporter:
    spans = InMemorySpanExporter()
    runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
    return spans


def of_kind(spans: InMemorySpanExporter, kind: SpanKind, prefix: str = "") -> list[ReadableSpan]:
    return [s for s in spans.get_finished_spans() if s.kind == kind and s.name.startswith(prefix)]


def children_of(spans: InMemorySpanExporter, parent: ReadableSpan) -> list[ReadableSpan]:
    return [s for s in spans.get_finished_spans() if s.parent and s.parent.span_id == parent.context.span_id]


async def test_consumer_span_continues_the_producers_trace_and_parents_the_transaction(
    make_runtime, kafka_server, item, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    spans = exported(runtime)
    message, (trace_id, producer_span) = traced(item("TRACED-1"))
    await produce(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), [message])
    [process] = await eventually(lambda: _finished(of_kind(spans, SpanKind.CONSUMER)))
    assert (process.context.trace_id, process.parent.span_id) == (trace_id, producer_span)
    [transaction] = [s for s in children_of(spans, process) if s.name == "db.transaction"]
    assert transaction.context.trace_id == trace_id
    [handler] = children_of(spans, transaction)
    assert handler.name.startswith("handle") and handler.context.trace_id == trace_id


async def test_batch_process_span_links_every_event_and_parents_the_transaction(
    make_runtime, kafka_server, item
):
    consumer = EventConsumer("kit", Clearance(DataClassification.PUBLIC, frozenset(DataCategory)))

    @consumer.on_batch(ItemPublishedV1)
    async def project(events: list[ItemPublishedV1], uow: UnitOfWork) -> None:
        await uow.connection.executemany(
            "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, $3)",
            [(str(e.item_id), e.item_id, e.code) for e in events],
        )

    runtime = await make_runtime([consumer])
    spans = exported(runtime)
    traced_messages = [traced(item(f"BATCH-{i}")) for i in range(3)]
    topic = runtime.topic_name("kittest.items")
    await produce_together(kafka_server.bootstrap_servers, topic, [m for m, _ in traced_messages])
    await eventually(lambda: _seen(runtime, 3))
    [process] = [s for s in of_kind(spans, SpanKind.CONSUMER) if len(s.links) > 1]
    linked = {(link.context.trace_id, link.context.span_id) for link in process.links}
    assert linked == {ids for _, ids in traced_messages}
    assert process.attributes["messaging.batch.message_count"] == 3
    [transaction] = [s for s in children_of(spans, process) if s.name == "db.transaction"]
    assert any(s.name.startswith("handle") for s in children_of(spans, transaction))


async def test_handler_error_is_recorded_on_spans_by_type_only(
    make_runtime, kafka_server, item, faults, consumer_for
):
    faults.permanent_codes = {"BANNED-1"}
    runtime = await make_runtime([consumer_for(faults)])
    spans = exported(runtime)
    message, _ = traced(item("BANNED-1"))
    topic = runtime.topic_name("kittest.items")
    await produce(kafka_server.bootstrap_servers, topic, [message])
    await read_topic(kafka_server.bootstrap_servers, topic + ".dlq", expected=1)
    [process] = await eventually(lambda: _finished(of_kind(spans, SpanKind.CONSUMER)))
    [transaction] = [s for s in children_of(spans, process) if s.name == "db.transaction"]
    [handler] = children_of(spans, transaction)
    for span in (process, transaction, handler):
        assert span.status.status_code == StatusCode.ERROR, span.name
        [event] = [e for e in span.events if e.name == "exception"]
        assert event.attributes["exception.type"].endswith("PermanentError")
        assert "exception.message" not in event.attributes, "messages may carry personal data"
        assert "banned" not in str(dict(event.attributes)) + str(span.status.description)


async def test_transaction_span_is_the_parent_of_the_outbox_rows_producer_span(make_runtime, item):
    runtime = await make_runtime([])
    spans = exported(runtime)
    with runtime.telemetry.tracer.start_as_current_span("request", kind=SpanKind.SERVER) as request:
        async with runtime.uow() as uow:
            uow.record(item("CHAIN-1"))
    [publish] = await eventually(lambda: _finished(of_kind(spans, SpanKind.PRODUCER)))
    [transaction] = [s for s in spans.get_finished_spans() if s.name == "db.transaction"]
    assert transaction.parent.span_id == request.get_span_context().span_id
    assert publish.parent.span_id == transaction.context.span_id


async def _finished(spans: list[ReadableSpan]) -> list[ReadableSpan] | None:
    return spans or None


async def _seen(runtime, n: int) -> bool:
    return await runtime.pool.fetchval("SELECT count(*) FROM seen") >= n
