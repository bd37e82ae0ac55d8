"""One OpenTelemetry tracer per service, and W3C trace context in and out of Kafka headers."""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
TRACE_HEADERS = ("traceparent", "tracestate")


class Telemetry:
    """A service's own tracer provider (not the global one, so several services share a process in tests)."""

    def __init__(self, service_name: str, otlp_endpoint: str | None = None) -> None:
        self.provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
        if otlp_endpoint:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            self.add_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
        self.tracer = self.provider.get_tracer("servicekit")

    def add_processor(self, processor: SpanProcessor) -> None:
        """Attach an exporter pipeline (tests attach an in-memory one)."""
        self.provider.add_span_processor(processor)

    def force_flush(self) -> None:
        """Export what is buffered (on stop; the provider stays usable for a restart)."""
        self.provider.force_flush()


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
    context = trace.get_current_span(context_from_headers(headers)).get_span_context()
    return [trace.Link(context)] if context.is_valid else []
