"""One HTTP-only worker process, started by `httpworkers` (`python -m servicekit.httpworker ...`)."""

import ctypes
import importlib
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import cast

import uvicorn

from servicekit.httpworkers import uvicorn_config
from servicekit.logs import configure_logging
from servicekit.runtime import Service

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Get SIGTERM when the main process dies, even by kill -9, so no orphan keeps the port (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # it died before the prctl: nobody would signal us
        sys.exit(1)


def main(argv: list[str]) -> None:
    """Build the service as the main process did and serve HTTP on the inherited socket."""
    target, fd, parent = argv
    die_with_parent(int(parent))
    module, _, name = target.partition(":")
    build = cast(Callable[[], Service], getattr(importlib.import_module(module), name))
    service = build()
    service.runtime.serve_http_only()
    settings = service.runtime.settings
    configure_logging(settings.service_name, settings.log_level)
    sock = socket.socket(fileno=int(fd))
    uvicorn.Server(uvicorn_config(settings, service.app)).run(sockets=[sock])


if __name__ == "__main__":
    main(sys.argv[1:])
