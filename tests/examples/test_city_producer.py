"""The example city producer, run as a program against the real broker: the platform accepts its event."""

import asyncio
import sys
import uuid
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.envelope import decode_event
from contracts.events.city import LearningActivityRecordedV1
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "city_producer.py"
ENROLMENT_CLEARANCE = Clearance(DataClassification.INTERNAL, frozenset({DataCategory.PERSONAL}))


async def create_topic(bootstrap: str, name: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 3, 1)])
    finally:
        await admin.close()


async def run_example(*args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(EXAMPLE), *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    return out.decode().strip()


async def test_example_producer_sends_an_event_the_platform_decodes_trusts_and_keys_by_learner(kafka_server):
    prefix, learner, offering = f"ex{uuid.uuid4().hex[:8]}.", str(uuid.uuid4()), str(uuid.uuid4())
    bootstrap = kafka_server.bootstrap_servers
    await create_topic(bootstrap, prefix + "city.learning-activity")  # the operator's job in production

    event_id = await run_example(
        "--bootstrap", bootstrap, "--topic-prefix", prefix, "--learner", learner, "--offering", offering,
        "--percent", "40",
    )  # fmt: skip

    [record] = await read_topic(bootstrap, prefix + "city.learning-activity", expected=1)
    envelope, event = decode_event(record.headers, record.value, ENROLMENT_CLEARANCE)
    assert isinstance(event, LearningActivityRecordedV1)
    assert (str(event.learner_id), str(event.offering_id), event.progress_percent) == (learner, offering, 40)
    assert (envelope.id, envelope.source) == (event_id, "/vn/hanoi/city/city-lms")
    assert record.key == learner.encode()
