"""Waits, with a deadline, until a started server answers a real client, and fails fast if it dies."""

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from localinfra.errors import InfraError

T = TypeVar("T")
Probe = Callable[[], Awaitable[None]]
_POLL_SECONDS = 0.1
_ATTEMPT_SECONDS = 5.0


class Watched(Protocol):
    """What readiness needs to know about the thing being started: a process or a container."""

    def alive(self) -> bool: ...

    def log_tail(self, lines: int = 40) -> str: ...


def run_in_own_loop(factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion on a private event loop, even when the caller's loop is running."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="localinfra-probe") as pool:
        return pool.submit(lambda: asyncio.run(factory())).result()


def wait_until_ready(name: str, probe: Probe, watched: Watched, timeout: float) -> float:
    """Poll ``probe`` until it succeeds; returns the seconds waited. Raises InfraError on death or timeout."""
    began = time.monotonic()
    run_in_own_loop(lambda: _poll(name, probe, watched, began + timeout))
    return time.monotonic() - began


async def _poll(name: str, probe: Probe, watched: Watched, deadline: float) -> None:
    last_error: BaseException | None = None
    while True:
        if not watched.alive():
            raise InfraError(f"{name} exited during start-up.\n{watched.log_tail()}")
        if time.monotonic() >= deadline:
            raise InfraError(f"{name} not ready in time (last error: {last_error!r}).\n{watched.log_tail()}")
        last_error = await _attempt(probe, watched, min(deadline, time.monotonic() + _ATTEMPT_SECONDS))
        if last_error is None:
            return
        await asyncio.sleep(_POLL_SECONDS)


async def _attempt(probe: Probe, watched: Watched, give_up: float) -> BaseException | None:
    """One probe, abandoned early if the server dies meanwhile; None means it succeeded."""
    task = asyncio.ensure_future(probe())
    while not task.done() and watched.alive() and time.monotonic() < give_up:
        await asyncio.wait([task], timeout=_POLL_SECONDS)
    if task.done():
        return task.exception()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    return TimeoutError("probe abandoned: the server died or did not answer in time")


async def port_open(host: str, port: int) -> None:
    """Raise unless something accepts TCP connections on host:port (a cheap first check)."""
    _, writer = await asyncio.open_connection(host, port)
    writer.close()
    await writer.wait_closed()


async def kafka_answers(bootstrap_servers: str, **security: Any) -> None:
    """Raise unless the broker answers a real admin client's DescribeCluster with at least one broker;
    ``security`` holds the client's TLS/SASL options for a secured listener."""
    from aiokafka.admin import AIOKafkaAdminClient

    host, _, port = bootstrap_servers.split(",")[0].rpartition(":")
    await port_open(host, int(port))
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000, **security)
    try:
        await admin.start()
        cluster = await admin.describe_cluster()
    finally:
        await admin.close()
    if not cluster.get("brokers"):
        raise InfraError("Kafka answered but reports no brokers yet")


async def postgres_answers(dsn: str) -> None:
    """Raise unless PostgreSQL accepts a password login over TCP and runs a query."""
    import asyncpg

    connection = await asyncpg.connect(dsn, timeout=5)
    try:
        await connection.fetchval("SELECT 1")
    finally:
        await connection.close()
