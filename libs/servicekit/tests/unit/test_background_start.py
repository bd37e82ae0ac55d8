"""A runtime started in the background keeps trying quietly and stops cleanly while still connecting."""

import asyncio
from pathlib import Path

from localinfra.ports import free_ports
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings


def _unreachable_runtime() -> ServiceRuntime:
    pg, kafka = free_ports(2)  # nothing listens there
    settings = ServiceSettings(
        service_name="kitstart",
        database_url=f"postgresql://nobody:secret@127.0.0.1:{pg}/nothing",
        kafka_bootstrap=f"127.0.0.1:{kafka}",
        startup_retry_initial_seconds=0.01,
        startup_retry_max_seconds=0.05,
    )
    return ServiceRuntime(settings, migrations=Path("unused"))


async def test_start_in_background_returns_at_once_and_reports_both_dependencies_connecting(caplog):
    runtime = _unreachable_runtime()
    await asyncio.wait_for(runtime.start(background=True), timeout=1)
    try:
        await asyncio.sleep(0.5)  # many attempts
        assert await runtime.readiness() == {"postgresql": "connecting", "kafka": "connecting"}
        warnings = [r.getMessage() for r in caplog.records if r.name == "servicekit.dependencies"]
        assert sorted(w.split(" (")[0] for w in warnings) == ["kafka unavailable", "postgresql unavailable"]
    finally:
        await runtime.stop()


async def test_stop_while_connecting_ends_every_task_it_started():
    before = asyncio.all_tasks()
    runtime = _unreachable_runtime()
    await runtime.start(background=True)
    await asyncio.sleep(0.3)
    await asyncio.wait_for(runtime.stop(), timeout=5)
    await asyncio.sleep(0.1)  # let cancelled client internals finish
    assert {t for t in asyncio.all_tasks() if not t.done()} - before == set()
