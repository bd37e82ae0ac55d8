"""Unhandled errors in a request: a 500 problem, recorded on the request's span by exception type only."""

import logging

from opentelemetry import trace
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.http.problems import problem_response
from servicekit.telemetry import record_error

log = logging.getLogger(__name__)


class UnhandledErrors:
    """Answers an escaping exception itself, so neither the tracing middleware nor the server records
    its message (messages may quote personal data): the span and the log get the type only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            record_error(trace.get_current_span(), exc)
            log.error("request failed", extra={"error": type(exc).__name__})
            if started:  # too late for a problem document: the client sees a broken response
                raise RuntimeError("request failed after the response started") from None
            await problem_response(500, "Internal error", kind="internal")(scope, receive, send)
