"""A service run as `python -m <service> serve` on a given database and broker, for restart tests."""

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from servicekit.devtoken import LOCAL_DEV_KEY

from localinfra.ports import free_ports
from localinfra.postgres import ServiceDatabase
from localinfra.processes import ManagedProcess, spawn


@contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A fresh directory (for a broker's or a server's data), removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def serving(
    service: str, workdir: Path, database: ServiceDatabase, kafka: str, **settings: str
) -> Iterator[tuple[str, ManagedProcess]]:
    """`python -m <service> serve`, retrying its connections every ≤ 0.5 s, migrating on start; yields its
    base URL and process (log in `workdir/<service>.log`). `settings` are further settings by field name."""
    http, metrics = free_ports(2)
    given = {"http_port": str(http), "metrics_port": str(metrics), **settings}
    env = {**os.environ, **_env(service, database, kafka, given)}
    process = spawn(
        [sys.executable, "-m", service, "serve"],
        pid_file=workdir / f"{service}.pid",
        output=workdir / f"{service}.log",
        env=env,
        stop_signal=signal.SIGTERM,
    )
    try:
        yield f"http://127.0.0.1:{http}", process
    finally:
        process.stop(grace=15)


async def answer(url: str, process: ManagedProcess) -> httpx.Response | None:
    """The service's answer to a GET of `url`, or None while it does not listen; RuntimeError once the
    process has exited (not an AssertionError: `eventually` must not wait that out)."""
    if not process.alive():
        raise RuntimeError(f"the service exited:\n{process.log_tail()}")
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            return await client.get(url)
    except httpx.TransportError:
        return None


def _env(service: str, database: ServiceDatabase, kafka: str, settings: dict[str, str]) -> dict[str, str]:
    """The service's environment: its stores, quick reconnects, the loopback dev key, then `settings`."""
    given = {
        "database_url": database.runtime,
        "migration_database_url": database.migration,
        "kafka_bootstrap": kafka,
        "migrate_on_start": "true",
        "startup_retry_initial_seconds": "0.1",
        "startup_retry_max_seconds": "0.5",
        "jwt_dev_secret": LOCAL_DEV_KEY,  # a loopback-only local run
        **settings,
    }
    return {f"{service.upper()}_{name.upper()}": value for name, value in given.items()}
