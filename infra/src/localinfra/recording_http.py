"""A real local HTTP server that records the requests it gets and answers with chosen statuses.

Stands in for an outside provider (an SMS gateway, a messaging app's API) in tests: requests cross a real
socket, and the test reads back exactly what the provider would have received.
"""

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    body: Any  # the decoded JSON document, or the text when it is not JSON


class RecordingHttpServer:
    """`with RecordingHttpServer() as server:` on 127.0.0.1; `server.url`, `server.requests`.

    `answer(statuses)` queues the statuses of the next requests (then 200 again), e.g. a 503 then a 200.
    """

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._statuses: list[int] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def answer(self, statuses: Iterable[int]) -> None:
        """Answer the next requests with these statuses, in order."""
        with self._lock:
            self._statuses.extend(statuses)

    def _next_status(self, request: RecordedRequest) -> int:
        with self._lock:
            self.requests.append(request)
            return self._statuses.pop(0) if self._statuses else 200

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                try:
                    body: Any = json.loads(raw)
                except ValueError:
                    body = raw
                status = server._next_status(RecordedRequest(self.path, dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read `requests`
                return

        return Handler

    def __enter__(self) -> "RecordingHttpServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
