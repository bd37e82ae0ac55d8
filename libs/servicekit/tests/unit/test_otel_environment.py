"""The standard OTEL_* variables reach the service's trace exporter, as operators' collectors expect."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pydantic_settings import SettingsConfigDict
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings


class OtelSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="OTELTEST_", extra="ignore", frozen=True)
    service_name: str = "oteltest"


class _Collector(BaseHTTPRequestHandler):
    """A stand-in OTLP/HTTP receiver on loopback: records each request's path, answers 200."""

    paths: list[str]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"] or 0))
        type(self).paths.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[str]]]:
    handler = type("Collector", (_Collector,), {"paths": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler.paths
    server.shutdown()
    server.server_close()


def _export_one_span(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name in ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_SDK_DISABLED"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    runtime = ServiceRuntime(OtelSettings(database_url="postgresql://x@127.0.0.1/x"), migrations=Path())
    with runtime.telemetry.tracer.start_as_current_span("work"):
        pass
    runtime.telemetry.force_flush()


def test_the_standard_otlp_endpoint_variable_sends_traces_to_its_v1_traces_path(monkeypatch, collector):
    base, paths = collector
    _export_one_span(monkeypatch, {"OTEL_EXPORTER_OTLP_ENDPOINT": base})
    assert paths == ["/v1/traces"]


def test_the_traces_specific_variable_is_used_as_the_whole_url(monkeypatch, collector):
    base, paths = collector
    _export_one_span(
        monkeypatch,
        {"OTEL_EXPORTER_OTLP_ENDPOINT": base + "/ignored", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": base + "/t"},
    )
    assert paths == ["/t"]


def test_the_platforms_own_endpoint_still_wins(monkeypatch, collector):
    base, paths = collector
    _export_one_span(
        monkeypatch, {"OTELTEST_OTLP_ENDPOINT": base + "/own", "OTEL_EXPORTER_OTLP_ENDPOINT": base}
    )
    assert paths == ["/own"]


def test_sdk_disabled_exports_nothing(monkeypatch, collector):
    base, paths = collector
    _export_one_span(monkeypatch, {"OTEL_EXPORTER_OTLP_ENDPOINT": base, "OTEL_SDK_DISABLED": "true"})
    assert paths == []


def test_an_empty_variable_as_compose_passes_it_means_unset(monkeypatch, collector):
    _, paths = collector
    unset = {"OTEL_EXPORTER_OTLP_ENDPOINT": "", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": ""}
    _export_one_span(monkeypatch, unset)
    assert paths == []
