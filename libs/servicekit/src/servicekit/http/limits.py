"""ASGI middlewares: request body size limit and request metrics."""

import logging
import time
from typing import Annotated

from fastapi import Query
from prometheus_client import Counter, Histogram
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.http.problems import problem_response
from servicekit.http.status import ResponseStatus
from servicekit.metrics import ServiceMetrics

access_log = logging.getLogger("servicekit.access")

INT4_MAX = 2**31 - 1
"""The largest value of a PostgreSQL `integer` column: bound every such request field with `le=INT4_MAX`."""
MAX_PAGE, MAX_OFFSET = 200, 100_000
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size")]
"""Query parameter type of every list endpoint's page size."""
Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (deeper pages: narrow the query)")
]
"""Query parameter type of every list endpoint's offset; bounded so it always fits a `bigint`."""


class _TooLarge(HTTPException):
    """A streamed body passed the limit. An HTTPException because FastAPI answers 400 to any other error
    raised while it reads the body, but lets this one through to the problem handlers as a 413."""

    def __init__(self) -> None:
        super().__init__(413)


class BodySizeLimit:
    """Answers 413 problem+json when a request body exceeds `max_bytes` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._reject(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"the body may be at most {self.max_bytes} bytes"
        await problem_response(413, "Request body too large", detail, "too-large")(scope, receive, send)


class RequestMetrics:
    """Counts, times and logs requests per route template (never the raw path: ids are personal).

    It is the access log: `GET /v1/enrolments/{enrolment_id} 200`, without the client's address.
    """

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app, self.metrics = app, metrics
        # Each label set's series, looked up once: `labels()` takes a lock and checks the labels per call.
        self._counts: dict[tuple[str, str, int], Counter] = {}
        self._latencies: dict[tuple[str, str], Histogram] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, sent = time.perf_counter(), ResponseStatus(send)
        try:
            await self.app(scope, receive, sent)
        finally:
            status = sent.code
            method, template = scope["method"], getattr(scope.get("route"), "path", "unmatched")
            self._count(method, template, status).inc()
            self._latency(method, template).observe(time.perf_counter() - started)
            access_log.info("%s %s %d", method, template, status)

    def _count(self, method: str, template: str, status: int) -> Counter:
        if (series := self._counts.get((method, template, status))) is None:
            series = self._counts[method, template, status] = self.metrics.http_requests.labels(
                method, template, str(status)
            )
        return series

    def _latency(self, method: str, template: str) -> Histogram:
        if (series := self._latencies.get((method, template))) is None:
            series = self._latencies[method, template] = self.metrics.http_latency.labels(method, template)
        return series
