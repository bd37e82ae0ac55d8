"""`serve` with HTTP_WORKERS=2: two processes answer on one port, a worker's outbox rows reach Kafka through
the main process's relay, /metrics counts both, and no worker outlives the main process."""

import os
import secrets
import signal
import socket
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.processes import ManagedProcess, group_members, pid_alive, spawn
from servicekit.devtoken import LOCAL_DEV_KEY, local_dev_token

from .socket_owners import call, connection_to, listening, live_on_new_connection, served_by

pytestmark = pytest.mark.integration

LEARNER = {"full_name": "Lê Thị Hoa", "date_of_birth": "1991-02-03", "sex": "female"}
LEARNER |= {"locality_code": "00004", "ethnic_group_code": "01", "learner_type": "resident"}


@dataclass
class Running:
    process: ManagedProcess
    port: int
    metrics_port: int
    prefix: str
    database_url: str

    def pids(self) -> list[int]:
        return [self.process.pid, *self.workers()]

    def workers(self) -> list[int]:
        return [pid for pid in group_members(self.process.pid) if pid != self.process.pid]


@contextmanager
def _enrolment(database: Any, kafka: str) -> Iterator[Running]:
    """`python -m enrolment serve` with two HTTP processes."""
    port, metrics_port = free_ports(2)
    prefix = f"w{secrets.token_hex(4)}."
    env = {
        "ENROLMENT_DATABASE_URL": database.runtime,
        "ENROLMENT_MIGRATION_DATABASE_URL": database.migration,
        "ENROLMENT_KAFKA_BOOTSTRAP": kafka,
        "ENROLMENT_HTTP_PORT": str(port),
        "ENROLMENT_METRICS_PORT": str(metrics_port),
        "ENROLMENT_TOPIC_PREFIX": prefix,
        "ENROLMENT_MIGRATE_ON_START": "true",
        "ENROLMENT_RELAY_POLL_SECONDS": "30",  # so only the NOTIFY can wake the relay within the test
        "ENROLMENT_HTTP_WORKERS": "2",
        "ENROLMENT_JWT_DEV_SECRET": LOCAL_DEV_KEY,
    }
    workdir = Path(tempfile.mkdtemp(prefix="httpworkers"))
    process = spawn(
        [sys.executable, "-m", "enrolment", "serve"],
        pid_file=workdir / "enrolment.pid",
        output=workdir / "enrolment.log",
        env={**os.environ, **env},
    )
    try:
        yield Running(process, port, metrics_port, prefix, database.runtime)
    finally:
        process.stop(grace=20)


async def _up(run: Running) -> None:
    async def ready() -> bool | None:
        if not run.process.alive():
            raise RuntimeError(f"the service exited:\n{run.process.log_tail()}")
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                answer = await client.get(f"http://127.0.0.1:{run.port}/health/ready")
        except httpx.TransportError:
            return None
        return (answer.status_code == 200 and len(run.workers()) == 1) or None

    await eventually(ready, timeout=60, interval=0.2)


def _bearer(subject: str, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {local_dev_token(subject, [role], areas=['00004'])}"}


@pytest.fixture
async def running(fresh_database, kafka_server) -> Any:
    database = await fresh_database("enrolment")
    with _enrolment(database, kafka_server.bootstrap_servers) as run:
        await _up(run)
        yield run


async def _offering(run: Running) -> uuid.UUID:
    offering_id = uuid.uuid4()
    conn = await asyncpg.connect(run.database_url)
    try:
        await conn.execute(
            "INSERT INTO offerings (id, course_id, revision, status, starts_on, capacity, reserved, "
            "audience) "
            "VALUES ($1, $2, 1, 'open', '2027-03-01', 10, 0, '[]'::jsonb)",
            offering_id,
            uuid.uuid4(),
        )
    finally:
        await conn.close()
    return offering_id


async def _published(run: Running, topic: str, wanted: str, kafka: str) -> None:
    consumer = AIOKafkaConsumer(run.prefix + topic, bootstrap_servers=kafka, auto_offset_reset="earliest")
    await consumer.start()
    try:

        async def found() -> set[str] | None:
            batches = await consumer.getmany(timeout_ms=200)
            keys = {r.key.decode() for records in batches.values() for r in records if r.key}
            return keys if wanted in keys else None

        await eventually(found, timeout=10, interval=0)
    finally:
        await consumer.stop()


def _live_counted(run: Running) -> float:
    """`http_requests_total` of GET /health/live on the one /metrics endpoint."""
    text = httpx.get(f"http://127.0.0.1:{run.metrics_port}/metrics", timeout=5).text
    lines = [line for line in text.splitlines() if line.startswith("http_requests_total{")]
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines if 'route="/health/live"' in line)


async def test_two_processes_serve_the_port_both_ready_and_metrics_count_both(running):
    [worker] = running.workers()
    served: list[int] = []
    while set(served) != {running.process.pid, worker}:
        assert len(served) < 200, "one process served every connection"
        served.append(live_on_new_connection(running.port, running.pids))
    assert _live_counted(running) == len(served)  # both processes' requests, on one scrape target
    for pid in (running.process.pid, worker):  # each says ready once its own pool and producer are up
        await _ready_in(running, pid)


async def _ready_in(run: Running, pid: int) -> dict[str, str]:
    async def ready() -> dict[str, str] | None:
        conn = connection_to(run.port, run.pids, pid)
        try:
            status, body = call(conn, "GET", "/health/ready")
        finally:
            conn.close()
        return body["checks"] if status == 200 else None

    checks = await eventually(ready, timeout=30, interval=0.2)
    assert (checks["postgresql"], checks["kafka"]) == ("ok", "ok")
    return checks


async def test_an_enrolment_served_by_a_worker_is_published_by_the_main_process_relay(running, kafka_server):
    [worker] = running.workers()
    await _ready_in(running, worker)
    offering_id, conn = await _offering(running), connection_to(running.port, running.pids, worker)
    try:
        admin = _bearer("admin-1", "admin")
        status, learner = call(conn, "POST", "/v1/learners", LEARNER, **admin)
        assert status == 201, learner
        me = _bearer(learner["id"], "learner")
        status, enrolment = call(conn, "POST", "/v1/enrolments", {"offering_id": str(offering_id)}, **me)
        assert status == 201, enrolment
        assert served_by(running.port, running.pids, conn) == worker
    finally:
        conn.close()
    # The relay polls every 30 s here: only the worker's NOTIFY can wake it this soon.
    await _published(running, "enrolment.enrolments", enrolment["id"], kafka_server.bootstrap_servers)


async def test_kill_9_of_the_main_process_leaves_no_worker_holding_the_port(running):
    [worker] = running.workers()
    os.kill(running.process.pid, signal.SIGKILL)

    async def gone() -> bool | None:
        return (not pid_alive(worker) and not listening(running.port)) or None

    await eventually(gone, timeout=20, interval=0.1)
    with socket.socket() as again:  # a restarted service binds as uvicorn does
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", running.port))
        again.listen()


async def test_sigterm_stops_the_main_process_and_its_workers(running):
    [worker] = running.workers()
    os.kill(running.process.pid, signal.SIGTERM)

    async def exited() -> bool | None:
        return (not running.process.alive() and not pid_alive(worker)) or None

    await eventually(exited, timeout=30, interval=0.1)
    assert not listening(running.port)
    assert "http worker killed" not in running.process.log_tail(200)  # stopped gracefully, not killed
