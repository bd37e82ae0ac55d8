"""One OpenTelemetry tracer per service, and W3C trace context in and out of Kafka headers."""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
TRACE_HEADERS = ("traceparent", "tracestate")
# HTTP instrumentation attributes that carry personal data: raw URLs (learner ids in paths, queries), the
# client's address and user agent, captured headers, and exception messages and stack traces (values).
# `http.route` (the template) and the span name (method + template) say what was called.
SCRUBBED_ATTRIBUTES = frozenset(
    {
        "http.url",
        "http.target",
        "url.full",
        "url.path",
        "url.query",
        "http.client_ip",
        "client.address",
        "client.port",
        "net.peer.ip",
        "net.peer.port",
        "net.sock.peer.addr",
        "net.sock.peer.port",
        "network.peer.address",
        "network.peer.port",
        "http.user_agent",
        "user_agent.original",
        "exception.message",
        "exception.stacktrace",
    }
)
SCRUBBED_PREFIXES = ("http.request.header.", "http.response.header.")


class Telemetry:
    """A service's own tracer provider (not the global one, so several services share a process in tests)."""

    def __init__(self, service_name: str, otlp_endpoint: str | None = None) -> None:
        self.provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
        if otlp_endpoint:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            self.add_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
        self.tracer = self.provider.get_tracer("servicekit")

    def add_processor(self, processor: SpanProcessor) -> None:
        """Attach an exporter pipeline (tests attach an in-memory one); it sees only scrubbed spans."""
        self.provider.add_span_processor(ScrubbingProcessor(processor))

    def force_flush(self) -> None:
        """Export what is buffered (on stop; the provider stays usable for a restart)."""
        self.provider.force_flush()


class ScrubbingProcessor(SpanProcessor):
    """Hands `inner` a copy of each finished span without the personal-data attributes (SCRUBBED_*).

    A copy at the end, rather than a hook on the instrumentation, also catches attributes that a later
    instrumentation version or semantic-convention mode sets, and events recorded after the hook ran.
    """

    def __init__(self, inner: SpanProcessor) -> None:
        self.inner = inner

    def on_start(self, span: Span, parent_context: otel_context.Context | None = None) -> None:
        self.inner.on_start(span, parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        self.inner.on_end(scrubbed(span))

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)


def scrubbed(span: ReadableSpan) -> ReadableSpan:
    """`span` without personal-data attributes on itself and its events (`span` itself if it has none:
    the SDK hands processors its own read-only copy, and a second copy per span cost ~20 % of a relay
    publish span's CPU)."""
    if not _scrubs(span.attributes) and not any(_scrubs(e.attributes) for e in span.events):
        return span
    events = [Event(e.name, _kept(e.attributes), e.timestamp) for e in span.events]
    return ReadableSpan(
        name=span.name,
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=_kept(span.attributes),
        events=events,
        links=span.links,
        kind=span.kind,
        status=span.status,
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


def _scrubs(attributes: Mapping[str, Any] | None) -> bool:
    """True if `attributes` hold a personal-data attribute."""
    return any(k in SCRUBBED_ATTRIBUTES or k.startswith(SCRUBBED_PREFIXES) for k in attributes or ())


def _kept(attributes: Mapping[str, Any] | None) -> dict[str, Any]:
    return {
        k: v
        for k, v in (attributes or {}).items()
        if k not in SCRUBBED_ATTRIBUTES and not k.startswith(SCRUBBED_PREFIXES)
    }


def current_trace_headers() -> dict[str, str]:
    """The active span's `traceparent`/`tracestate`, ready to store or send."""
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier


def context_from_headers(headers: Iterable[tuple[str, bytes]]) -> otel_context.Context:
    """Extract the remote span context carried in Kafka headers."""
    carrier = {k: v.decode("latin-1") for k, v in headers if k in TRACE_HEADERS}
    return _PROPAGATOR.extract(carrier)


def context_from_mapping(carrier: dict[str, str]) -> otel_context.Context:
    """Extract the span context from a stored header mapping (an outbox row)."""
    return _PROPAGATOR.extract({k: v for k, v in carrier.items() if k in TRACE_HEADERS})


def trace_ids(span: trace.Span | None = None) -> tuple[str, str] | None:
    """Hex trace and span id of `span` (default: the current span), or None outside a span."""
    ctx = (span or trace.get_current_span()).get_span_context()
    if not ctx.is_valid:
        return None
    return format(ctx.trace_id, "032x"), format(ctx.span_id, "016x")


def replace_trace_headers(
    headers: Sequence[tuple[str, bytes]], carrier: dict[str, str]
) -> list[tuple[str, bytes]]:
    """Headers with traceparent/tracestate swapped for those in `carrier`."""
    kept = [(k, v) for k, v in headers if k not in TRACE_HEADERS]
    return kept + [(k, v.encode()) for k, v in carrier.items()]


def record_error(span: trace.Span, exc: BaseException) -> None:
    """Mark `span` failed with the exception's type only: messages may quote personal data."""
    kind = type(exc)
    span.add_event("exception", {"exception.type": f"{kind.__module__}.{kind.__qualname__}"})
    span.set_status(Status(StatusCode.ERROR, kind.__name__))


@contextmanager
def current_span(tracer: trace.Tracer, name: str, **options: Any) -> Iterator[trace.Span]:
    """`tracer.start_as_current_span`, but an error is recorded by type only (see `record_error`)."""
    with tracer.start_as_current_span(
        name, record_exception=False, set_status_on_exception=False, **options
    ) as span:
        try:
            yield span
        except Exception as exc:  # not cancellation: a stopping service is not a failed span
            record_error(span, exc)
            raise


def message_link(headers: Iterable[tuple[str, bytes]]) -> list[trace.Link]:
    """A link to the producer's span context carried in Kafka headers (none when it carried none)."""
    carried = dict.fromkeys(TRACE_HEADERS, b"") | {k: v for k, v in headers if k in TRACE_HEADERS}
    return list(_link(carried["traceparent"], carried["tracestate"]))


# A batch links every event; the events of one publishing transaction carry the same context.
@lru_cache(maxsize=4096)
def _link(traceparent: bytes, tracestate: bytes) -> tuple[trace.Link, ...]:
    carried = [(k, v) for k, v in zip(TRACE_HEADERS, (traceparent, tracestate), strict=True) if v]
    context = trace.get_current_span(context_from_headers(carried)).get_span_context()
    return (trace.Link(context),) if context.is_valid else ()
