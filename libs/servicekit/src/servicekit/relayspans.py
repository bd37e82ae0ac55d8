"""The relay's PRODUCER spans: one per transaction's rows in a batch, each until the broker answers."""

import re
from dataclasses import dataclass

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from servicekit.telemetry import TRACE_HEADERS, context_from_mapping, record_error

GroupKey = tuple[str, str | None, str | None]  # topic, traceparent, tracestate the rows were written under
Headers = list[tuple[str, bytes]]
_TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")


@dataclass
class SpanGroup:
    """The rows of one batch written under one trace context (one transaction) for one topic."""

    span: trace.Span
    trace_headers: Headers
    rows: int = 0
    error: BaseException | None = None


class PublishSpans:
    """A PRODUCER span per (topic, writer's trace context) in a batch, parented by the writing transaction.

    A transaction's rows share their span (and so the consumers' process spans of those events share
    their parent): one SDK span per event cost more than the send itself at relay rates, while one span
    per batch would cut the parent chain from the request to the consumers. A span ends when every row
    of its group has its answer, with the first error of the group recorded by type."""

    def __init__(self, tracer: trace.Tracer) -> None:
        self._tracer = tracer
        self._groups: dict[GroupKey, SpanGroup] = {}

    def message_headers(self, topic: str, stored: dict[str, str]) -> tuple[SpanGroup, Headers]:
        """The row's group, and its Kafka headers with the trace context swapped for the group's span."""
        key = (topic, stored.get("traceparent"), stored.get("tracestate"))
        group = self._groups.get(key) or self._start(key, stored)
        group.rows += 1
        kept = [(k, v.encode()) for k, v in stored.items() if k not in TRACE_HEADERS]
        return group, kept + group.trace_headers

    def end_all(self) -> None:
        """End every span of the batch (those already ended are left as they are)."""
        for group in self._groups.values():
            if not group.span.is_recording():
                continue
            if group.rows > 1:
                group.span.set_attribute("messaging.batch.message_count", group.rows)
            if group.error is not None:
                record_error(group.span, group.error)  # by type only, as every kit span
            group.span.end()
        self._groups.clear()

    def _start(self, key: GroupKey, stored: dict[str, str]) -> SpanGroup:
        topic = key[0]
        span = self._tracer.start_span(
            f"{topic} publish",
            context=_parent(stored),  # the parent is the span that wrote the rows
            kind=trace.SpanKind.PRODUCER,
            attributes={"messaging.system": "kafka", "messaging.destination.name": topic},
        )
        group = self._groups[key] = SpanGroup(span, _trace_headers(span))
        return group


def failed(group: SpanGroup, error: BaseException) -> None:
    """Remember the group's first failure: its span ends with it."""
    if group.error is None:
        group.error = error


def _parent(stored: dict[str, str]) -> Context:
    """The writer's span as the parent context. A plain version-00 `traceparent` (what the kit writes) is
    read directly: the propagator's extract cost ~15 % of a traced row's publish; anything else (a
    `tracestate`, another version, invalid ids) goes through the propagator and its rules."""
    match = _TRACEPARENT.fullmatch(stored.get("traceparent", ""))
    if match is None or "tracestate" in stored:
        return context_from_mapping(stored)
    trace_id, span_id, flags = int(match[1], 16), int(match[2], 16), int(match[3], 16)
    if not (trace_id and span_id):
        return context_from_mapping(stored)
    parent = SpanContext(trace_id, span_id, is_remote=True, trace_flags=TraceFlags(flags))
    return trace.set_span_in_context(NonRecordingSpan(parent), Context())


def _trace_headers(span: trace.Span) -> Headers:
    """W3C trace context of `span`, written directly: attaching it as the current span for the
    propagator costs more than a send at relay rates (same format as the propagator's)."""
    ctx = span.get_span_context()
    headers = [("traceparent", f"00-{ctx.trace_id:032x}-{ctx.span_id:016x}-{ctx.trace_flags:02x}".encode())]
    if ctx.trace_state:
        headers.append(("tracestate", ctx.trace_state.to_header().encode()))
    return headers
