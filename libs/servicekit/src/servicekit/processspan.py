"""The consumer's CONSUMER process span: a child of one event's producer, or linking a batch's events."""

from contextlib import AbstractContextManager
from itertools import islice
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.trace import SpanLimits

from servicekit.redelivery import Delivery
from servicekit.telemetry import context_from_headers, current_span, message_link

# The SDK keeps at most this many links per span and drops the rest after building them; a batch of
# hundreds of events builds only what is kept (its size is on the span: messaging.batch.message_count).
LINK_LIMIT = SpanLimits().max_links


def process_span(
    tracer: trace.Tracer, group: str, deliveries: list[Delivery]
) -> AbstractContextManager[trace.Span]:
    """The process span (OpenTelemetry messaging conventions): one event's span is a child of its
    producer's context; a batch's span links the events' producer contexts instead."""
    topics = {d.record.topic for d in deliveries}
    topic = topics.pop() if len(topics) == 1 else None
    attributes: dict[str, str | int] = {
        "messaging.system": "kafka",
        "messaging.operation.type": "process",
        "messaging.consumer.group.name": group,
        **({"messaging.destination.name": topic} if topic else {}),
    }
    options: dict[str, Any] = {"kind": trace.SpanKind.CONSUMER, "attributes": attributes}
    if len(deliveries) == 1:
        [d] = deliveries
        attributes["messaging.message.id"] = d.envelope.id
        attributes["cloudevents.event_type"] = d.envelope.type
        options["context"] = context_from_headers(d.record.headers)
    else:
        attributes["messaging.batch.message_count"] = len(deliveries)
        links = (link for d in deliveries for link in message_link(d.record.headers))
        options["links"] = list(islice(links, LINK_LIMIT))
    return current_span(tracer, f"{topic} process" if topic else "process", **options)
