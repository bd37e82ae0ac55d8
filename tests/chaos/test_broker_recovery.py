"""A service with consumers started while the broker restarts does not exit and stay down (issue 15): it
stays up, becomes ready by itself and consumes what was written before the restart."""

import asyncio
import os
import secrets
import shutil
import signal
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
from contracts.events.content import OfferingScheduledV1
from contracts.topics import OFFERINGS
from localinfra.kafka import start_kafka
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.postgres import ServiceDatabase
from localinfra.processes import ManagedProcess, spawn
from localinfra.topics import as_message, produce
from servicekit.devtoken import LOCAL_DEV_KEY
from servicekit.kafka import ensure_topics

pytestmark = pytest.mark.integration


@contextmanager
def _data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="lc-recover-kafka-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _enrolment(
    workdir: Path, database: ServiceDatabase, kafka: str, prefix: str
) -> Iterator[tuple[str, ManagedProcess]]:
    """`python -m enrolment serve` (it consumes content.offerings), retrying its connections every ≤ 0.5 s."""
    http, metrics = free_ports(2)
    env = {
        "ENROLMENT_DATABASE_URL": database.runtime,
        "ENROLMENT_MIGRATION_DATABASE_URL": database.migration,
        "ENROLMENT_KAFKA_BOOTSTRAP": kafka,
        "ENROLMENT_HTTP_PORT": str(http),
        "ENROLMENT_METRICS_PORT": str(metrics),
        "ENROLMENT_TOPIC_PREFIX": prefix,
        "ENROLMENT_MIGRATE_ON_START": "true",
        "ENROLMENT_STARTUP_RETRY_INITIAL_SECONDS": "0.1",
        "ENROLMENT_STARTUP_RETRY_MAX_SECONDS": "0.5",
        "ENROLMENT_JWT_DEV_SECRET": LOCAL_DEV_KEY,  # a loopback-only local run
    }
    process = spawn(
        [sys.executable, "-m", "enrolment", "serve"],
        pid_file=workdir / "enrolment.pid",
        output=workdir / "enrolment.log",
        env={**os.environ, **env},
        stop_signal=signal.SIGTERM,
    )
    try:
        yield f"http://127.0.0.1:{http}", process
    finally:
        process.stop(grace=15)


async def _ready(base: str, process: ManagedProcess) -> bool:
    if not process.alive():  # not an AssertionError: `eventually` must not wait this out
        raise RuntimeError(f"the service exited:\n{process.log_tail()}")
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            return (await client.get(f"{base}/health/ready")).status_code == 200
    except httpx.TransportError:
        return False


async def _offering_kept(dsn: str, offering_id: uuid.UUID) -> bool:
    conn = await asyncpg.connect(dsn)
    try:
        return bool(await conn.fetchval("SELECT count(*) FROM offerings WHERE id = $1", offering_id))
    finally:
        await conn.close()


async def _written_then_broker_stopped(kafka_dir: Path, port: int, controller: int, prefix: str) -> uuid.UUID:
    """A first broker life: the topics and one offering event, then the broker stops (its log stays)."""
    kafka = await asyncio.to_thread(start_kafka, kafka_dir, port, controller)
    try:
        await ensure_topics(kafka.bootstrap_servers, [OFFERINGS], prefix)
        offering = OfferingScheduledV1.example().model_copy(update={"offering_id": uuid.uuid4()})
        await produce(kafka.bootstrap_servers, prefix + OFFERINGS.name, [as_message(offering)])
    finally:
        await asyncio.to_thread(kafka.stop)
    return offering.offering_id


async def test_a_service_started_while_the_broker_restarts_stays_up_becomes_ready_and_consumes(
    tmp_path, fresh_database
):
    database = await fresh_database("enrolment")
    kafka_port, controller = free_ports(2)
    bootstrap, prefix = f"127.0.0.1:{kafka_port}", f"rec{secrets.token_hex(4)}."
    with _data_dir() as kafka_dir:
        offering_id = await _written_then_broker_stopped(kafka_dir, kafka_port, controller, prefix)
        starting = asyncio.create_task(asyncio.to_thread(start_kafka, kafka_dir, kafka_port, controller))
        await asyncio.sleep(0.5)  # the broker's JVM is on its way: refused, then recovering its log
        with _enrolment(tmp_path, database, bootstrap, prefix) as (base, process):
            kafka = await starting
            try:
                await eventually(lambda: _ready(base, process), timeout=120, interval=0.2)
                await eventually(lambda: _offering_kept(database.runtime, offering_id), timeout=60)
                assert process.alive()
            finally:
                await asyncio.to_thread(kafka.stop)
        log = (tmp_path / "enrolment.log").read_text()
        assert "kafka unavailable" in log, "the service started before the broker was back"
