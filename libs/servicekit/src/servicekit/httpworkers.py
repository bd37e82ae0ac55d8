"""`serve` with HTTP workers: the main process (runtime + HTTP) and HTTP-only processes on one socket."""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator

import uvicorn
from fastapi import FastAPI
from prometheus_client import values

from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

log = logging.getLogger(__name__)

_MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's own variable, read at its import


def uvicorn_config(settings: ServiceSettings, app: FastAPI) -> uvicorn.Config:
    """How `serve` runs the app: uvicorn's access log (client address, raw path) off; the kit logs routes."""
    loop, http = ("uvloop", "httptools") if settings.http_speedups else ("asyncio", "h11")
    return uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        loop=loop,
        http=http,
    )


def serve(service: Service, build: Callable[[], Service]) -> None:
    """Serve until SIGTERM/SIGINT: one process as before, or with HTTP_WORKERS > 1 the main process and
    HTTP_WORKERS - 1 HTTP-only worker processes accepting on the socket the main process bound."""
    settings = service.runtime.settings
    if settings.http_workers == 1:
        uvicorn.Server(uvicorn_config(settings, service.app)).run()
        return
    with tempfile.TemporaryDirectory(prefix=f"{settings.service_name}-metrics-") as shared:
        # Every process's metrics go to files in `shared`; the main process's /metrics sums them.
        os.environ[_MULTIPROC_ENV] = shared  # inherited by the workers
        # this process imported prometheus_client already: its choice of value class is made again
        values.ValueClass = values.MultiProcessValue()  # type: ignore[no-untyped-call]
        service = build()  # again: its metrics are created now, in multiprocess mode
        service.runtime.metrics.share(shared)
        config = uvicorn_config(settings, service.app)
        sock = config.bind_socket()
        with _signals_deferred() as deferred, _workers(build, sock, settings):
            uvicorn.Server(config).run(sockets=[sock])
    for sig in deferred:  # exit as uvicorn would have, now that the workers and their files are gone
        signal.raise_signal(sig)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[list[int]]:
    """uvicorn re-raises the signal that stopped it once it has shut down, which would end this process
    before its workers; the signals are recorded instead and raised again by the caller."""
    received: list[int] = []
    handled = (signal.SIGTERM, signal.SIGINT)
    previous = {sig: signal.signal(sig, lambda sig, _: received.append(sig)) for sig in handled}
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _workers(build: Callable[[], Service], sock: socket.socket, settings: ServiceSettings) -> Iterator[None]:
    """Start the HTTP-only workers; on the way out ask them to stop (SIGTERM) and wait, killing laggards."""
    target = f"{build.__module__}:{build.__qualname__}"
    command = [sys.executable, "-m", "servicekit.httpworker", target, str(sock.fileno()), str(os.getpid())]
    procs = [subprocess.Popen(command, pass_fds=[sock.fileno()]) for _ in range(settings.http_workers - 1)]
    log.info("http workers started", extra={"workers": len(procs)})
    try:
        yield
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(settings.http_worker_stop_seconds)
            except subprocess.TimeoutExpired:
                log.warning("http worker killed after the stop timeout")
                proc.kill()
                proc.wait()
