"""A service with consumers started while the broker restarts does not exit and stay down (issue 15): it
stays up, becomes ready by itself and consumes what was written before the restart."""

import asyncio
import secrets
import uuid
from pathlib import Path

import asyncpg
import pytest
from contracts.events.content import OfferingScheduledV1
from contracts.topics import OFFERINGS
from localinfra.kafka import start_kafka
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.processes import ManagedProcess
from localinfra.served import answer, scratch_dir, serving
from localinfra.topics import as_message, produce
from servicekit.kafka import ensure_topics

pytestmark = pytest.mark.integration


async def _ready(base: str, process: ManagedProcess) -> bool:
    response = await answer(f"{base}/health/ready", process)
    return response is not None and response.status_code == 200


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
    with scratch_dir("lc-recover-kafka-") as kafka_dir:
        offering_id = await _written_then_broker_stopped(kafka_dir, kafka_port, controller, prefix)
        starting = asyncio.create_task(asyncio.to_thread(start_kafka, kafka_dir, kafka_port, controller))
        await asyncio.sleep(0.5)  # the broker's JVM is on its way: refused, then recovering its log
        with serving("enrolment", tmp_path, database, bootstrap, topic_prefix=prefix) as (base, process):
            kafka = await starting
            try:
                await eventually(lambda: _ready(base, process), timeout=120, interval=0.2)
                await eventually(lambda: _offering_kept(database.runtime, offering_id), timeout=60)
                assert process.alive()
            finally:
                await asyncio.to_thread(kafka.stop)
        log = (tmp_path / "enrolment.log").read_text()
        assert "kafka unavailable" in log, "the service started before the broker was back"
