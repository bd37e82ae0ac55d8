"""/metrics on its own port, for Prometheus only: live counters must not reach the public API."""

import asyncio
import threading
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, start_http_server


class MetricsServer:
    """Prometheus exposition of one registry on `host:port`, in a thread of its own."""

    def __init__(self, registry: CollectorRegistry, host: str, port: int) -> None:
        self.registry, self.host, self.port = registry, host, port
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Bind and serve (an OSError if the port is taken: the service then does not start)."""
        self._server, self._thread = start_http_server(self.port, addr=self.host, registry=self.registry)

    async def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        await asyncio.to_thread(self._server.shutdown)  # waits for the serving loop's next poll
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None
