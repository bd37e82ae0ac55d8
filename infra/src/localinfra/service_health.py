"""Wait until a started service answers /health/ready, or report why not."""

import time

import httpx

from localinfra.errors import InfraError
from localinfra.processes import ManagedProcess


def wait_ready(base_url: str, process: ManagedProcess, timeout: float = 60.0) -> float:
    """Poll `/health/ready` until 200; return the seconds it took. Fails fast if the process dies."""
    started = time.monotonic()
    last = "no answer"
    while time.monotonic() - started < timeout:
        if not process.alive():
            raise InfraError(f"{base_url} exited during start-up:\n{process.log_tail()}")
        try:
            response = httpx.get(f"{base_url}/health/ready", timeout=2.0)
            if response.status_code == 200:
                return time.monotonic() - started
            last = response.text
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        time.sleep(0.1)
    raise InfraError(f"{base_url} not ready after {timeout:.0f}s (last: {last})\n{process.log_tail()}")
