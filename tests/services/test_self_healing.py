"""A service outlives its dependencies: it starts without them, says why it is not ready, and heals itself."""

import asyncio
import secrets
from contextlib import AbstractContextManager
from pathlib import Path

import asyncpg
import httpx
import pytest
from localinfra.catalogue import COURSE, CatalogueRefused, publish_course
from localinfra.kafka import start_kafka
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.postgres import ServiceDatabase, create_service_database, start_postgres
from localinfra.processes import ManagedProcess
from localinfra.served import answer, scratch_dir, serving
from servicekit.devtoken import local_dev_token

pytestmark = pytest.mark.integration


async def _answers(url: str, process: ManagedProcess) -> httpx.Response:
    return await eventually(lambda: answer(url, process), timeout=30, interval=0.1)


def _content(
    workdir: Path, database: ServiceDatabase, kafka: str
) -> AbstractContextManager[tuple[str, ManagedProcess]]:
    """Content (it publishes through its relay), on its own topic prefix."""
    prefix = f"heal{secrets.token_hex(4)}."
    return serving("content", workdir, database, kafka, topic_prefix=prefix, relay_poll_seconds="0.2")


async def _ready_with(base: str, process: ManagedProcess, checks: dict[str, str]) -> httpx.Response:
    async def probe() -> httpx.Response | None:
        response = await _answers(f"{base}/health/ready", process)
        found = response.json()["checks"]
        return response if all(found.get(name) == state for name, state in checks.items()) else None

    return await eventually(probe, timeout=90, interval=0.2)


async def _publish(base: str, code: str) -> str:
    """Create a draft, give it a material, publish it: the course id; CatalogueRefused on a refusal."""
    headers = {"Authorization": f"Bearer {local_dev_token('editor', ['content-editor'])}"}
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        return await publish_course(client, {**COURSE, "code": code}, headers=headers)


async def test_service_started_before_postgresql_and_kafka_becomes_ready_by_itself_and_serves(tmp_path):
    pg_port, kafka_port, controller = free_ports(3)
    name, password = f"content_{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    owner_password, url = secrets.token_urlsafe(16), f"127.0.0.1:{pg_port}/{name}"
    dsn = ServiceDatabase(
        f"postgresql://{name}:{password}@{url}", f"postgresql://{name}_owner:{owner_password}@{url}"
    )
    with (
        scratch_dir("lc-heal-pg-") as pg_dir,
        scratch_dir("lc-heal-kafka-") as kafka_dir,
        _content(tmp_path, dsn, f"127.0.0.1:{kafka_port}") as (base, process),
    ):
        live = await _answers(f"{base}/health/live", process)
        assert live.status_code == 200
        ready = await _answers(f"{base}/health/ready", process)
        assert ready.status_code == 503
        assert ready.json()["checks"] == {"postgresql": "connecting", "kafka": "connecting"}
        assert "Error" not in ready.text  # no exception names for the world to see

        postgres = await asyncio.to_thread(start_postgres, pg_dir, pg_port, fast=True)
        try:
            await create_service_database(postgres, name, password, owner_password)
            await _ready_with(base, process, {"postgresql": "ok", "kafka": "connecting"})
            kafka = await asyncio.to_thread(start_kafka, kafka_dir, kafka_port, controller)
            try:
                await _ready_with(base, process, {"postgresql": "ok", "kafka": "ok"})
                await _publish(base, "HEAL-1")
                await eventually(lambda: _outbox_drained(postgres.dsn(database=name)), timeout=30)
                await asyncio.to_thread(kafka.stop)
                gone = await _ready_with(base, process, {"postgresql": "ok", "kafka": "unavailable"})
                assert gone.status_code == 503 and "Error" not in gone.text
            finally:
                await asyncio.to_thread(kafka.stop)
        finally:
            await asyncio.to_thread(postgres.stop)
        log = (tmp_path / "content.log").read_text()
        # one line per state change (absent at start, gone at the end), not one per attempt (every ≤ 0.5 s)
        assert log.count("kafka unavailable") == 2, log
        assert "kafka connected" in log and "postgresql connected" in log


async def test_postgresql_restart_during_a_run_turns_readiness_off_and_on_without_a_service_restart(
    tmp_path, kafka_server
):
    [pg_port] = free_ports(1)
    name, password = f"content_{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    with scratch_dir("lc-heal-pg-") as pg_dir:
        postgres = await asyncio.to_thread(start_postgres, pg_dir, pg_port, fast=True)
        try:
            dsn = await create_service_database(postgres, name, password)
            with _content(tmp_path, dsn, kafka_server.bootstrap_servers) as (base, process):
                await _ready_with(base, process, {"postgresql": "ok", "kafka": "ok"})
                await asyncio.to_thread(postgres.stop)
                down = await _ready_with(base, process, {"postgresql": "unavailable", "kafka": "ok"})
                assert down.status_code == 503 and "Error" not in down.text
                with pytest.raises(CatalogueRefused) as refused:
                    await _publish(base, "HEAL-DOWN")
                assert refused.value.status == 503, refused.value
                postgres = await asyncio.to_thread(start_postgres, pg_dir, pg_port, fast=True)
                back = await _ready_with(base, process, {"postgresql": "ok", "kafka": "ok"})
                assert back.status_code == 200
                await _publish(base, "HEAL-2")
                assert process.alive()  # healed without a restart
        finally:
            await asyncio.to_thread(postgres.stop)


async def _outbox_drained(dsn: str) -> bool:
    connection = await asyncpg.connect(dsn)
    try:
        return bool(await connection.fetchval("SELECT count(*) = 0 FROM outbox WHERE sent_at IS NULL"))
    finally:
        await connection.close()
