"""Exported spans lose the attributes that carry personal data; the route template and the rest stay."""

from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from servicekit.telemetry import Telemetry


def export_one(attributes: dict, exception: Exception | None = None):
    telemetry, exporter = Telemetry("scrubtest"), InMemorySpanExporter()
    telemetry.add_processor(SimpleSpanProcessor(exporter))
    with telemetry.tracer.start_as_current_span(
        "GET /v1/learners/{learner_id}/messages", attributes=attributes
    ) as s:
        if exception is not None:
            s.record_exception(exception)
    [span] = exporter.get_finished_spans()
    return span


def test_urls_client_address_user_agent_and_captured_headers_are_dropped():
    span = export_one(
        {
            "http.url": "http://svc/v1/learners/6f1c/messages?email=a@b.vn",
            "url.full": "http://svc/v1/learners/6f1c/messages",
            "http.target": "/v1/learners/6f1c/messages",
            "url.path": "/v1/learners/6f1c/messages",
            "url.query": "email=a@b.vn",
            "net.peer.ip": "203.0.113.7",
            "client.address": "203.0.113.7",
            "http.client_ip": "203.0.113.7",
            "http.user_agent": "Hoa's phone",
            "user_agent.original": "Hoa's phone",
            "http.request.header.x_forwarded_for": ("203.0.113.7",),
            "http.route": "/v1/learners/{learner_id}/messages",
            "http.status_code": 200,
        }
    )

    assert dict(span.attributes) == {
        "http.route": "/v1/learners/{learner_id}/messages",
        "http.status_code": 200,
    }
    assert span.name == "GET /v1/learners/{learner_id}/messages"
    assert span.resource.attributes["service.name"] == "scrubtest"


def test_an_exception_event_keeps_its_type_but_not_its_message_or_stack():
    span = export_one({}, ValueError("no seat for Nguyễn Thị Hoa"))

    [event] = span.events
    assert dict(event.attributes) == {"exception.type": "ValueError", "exception.escaped": "False"}
