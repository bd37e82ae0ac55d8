"""Prometheus metrics of one service, in its own registry."""

from typing import Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.multiprocess import MultiProcessCollector

# Only the main process sets the gauges (relay, consumers); with HTTP workers they are shown as last set
# rather than once per process (ignored with one process).
_LATEST: Final = "mostrecent"


class ServiceMetrics:
    """The metrics every service exposes on /metrics."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.exposed = self.registry  # what /metrics serves; see `share`
        r = self.registry
        self.http_requests = Counter(
            "http_requests", "HTTP requests served", ["method", "route", "status"], registry=r
        )
        self.http_latency = Histogram(
            "http_request_seconds", "HTTP request latency", ["method", "route"], registry=r
        )
        self.consumer_lag = Gauge(
            "consumer_lag",
            "Messages behind the partition end",
            ["group", "topic", "partition"],
            registry=r,
            multiprocess_mode=_LATEST,
        )
        self.events_handled = Counter(
            "events_handled", "Events handled", ["group", "type", "outcome"], registry=r
        )
        self.handler_latency = Histogram(
            "event_handler_seconds", "Time to handle an event or a batch", ["group"], registry=r
        )
        self.dead_lettered = Counter(
            "events_dead_lettered",
            "Events sent to a dead-letter topic",
            ["group", "topic", "code"],
            registry=r,
        )
        self.inbound_errors = Counter(
            "inbound_errors",
            "Messages dead-lettered or refused, by sender (declared principal or unknown), topic and code",
            ["source", "topic", "code"],
            registry=r,
        )
        self.outbox_backlog = Gauge(
            "outbox_backlog", "Outbox rows not yet published", registry=r, multiprocess_mode=_LATEST
        )
        self.outbox_oldest_seconds = Gauge(
            "outbox_oldest_unsent_seconds",
            "Age of the oldest unpublished outbox row",
            registry=r,
            multiprocess_mode=_LATEST,
        )
        self.outbox_published = Counter("outbox_published", "Outbox rows published", registry=r)
        self.outbox_publish_failures = Counter(
            "outbox_publish_failures", "Outbox rows not published this cycle (retried)", ["error"], registry=r
        )
        self.outbox_refused = Counter(
            "outbox_refused", "Outbox rows Kafka refused for good (set aside)", ["error"], registry=r
        )
        self.outbox_refused_rows = Gauge(
            "outbox_refused_rows",
            "Refused outbox rows waiting for `outbox retry`",
            registry=r,
            multiprocess_mode=_LATEST,
        )
        self.outbox_stalled_seconds = Gauge(
            "outbox_relay_stalled_seconds",
            "Seconds rows have waited while this relay published nothing (0 when it keeps up)",
            registry=r,
            multiprocess_mode=_LATEST,
        )
        self.outbox_pruned = Counter("outbox_pruned", "Sent outbox rows deleted after retention", registry=r)

    def share(self, directory: str) -> None:
        """Serve the metrics of every process writing to ``directory`` (prometheus_client's multiprocess
        mode, set up by `httpworkers`): counters and histograms summed, gauges as last set."""
        self.exposed = CollectorRegistry()
        MultiProcessCollector(self.exposed, path=directory)  # type: ignore[no-untyped-call]
