"""A burst of enrolment facts is recorded a polled batch per transaction (not one transaction and a score of
round trips per event, which made notifications fall behind from ~100 confirmations/s), with nothing lost,
doubled or reordered: one message per enrolment, a place taken then given up in the burst ends given up."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from aiokafka import AIOKafkaProducer
from contracts.envelope import Envelope, encode_event
from contracts.event import EventModel
from contracts.events.enrolment import EnrolmentConfirmedV2, EnrolmentWithdrawnV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from contracts.topics import ENROLMENTS
from localinfra.polling import eventually
from notifications.bootstrap import NotificationsSettings, bootstrap
from servicekit.kafka import ensure_topics

from .conftest import ENROLMENT, FAST_SENDING

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
BURST = 40  # confirmations of distinct learners, all in the log before the service first polls
CONFIRMED = "SELECT learner_id FROM messages WHERE template = 'enrolment-confirmed'"


def _facts(learner: uuid.UUID) -> dict[str, object]:
    return {**EXAMPLE_FACTS, "learner_id": learner, "enrolment_id": uuid.uuid4()}


def _burst() -> tuple[list[EventModel], uuid.UUID]:
    """BURST confirmations, one confirmed twice (two ids), and one confirmed then withdrawn."""
    events: list[EventModel] = [
        EnrolmentConfirmedV2(**_facts(uuid.uuid4()), confirmed_at=T0) for _ in range(BURST)
    ]
    events.append(events[0].model_copy())  # the same fact again under another CloudEvents id
    gone = _facts(uuid.uuid4())
    events += [EnrolmentConfirmedV2(**gone, confirmed_at=T0), EnrolmentWithdrawnV1(**gone, withdrawn_at=T0)]
    return events, gone["enrolment_id"]  # type: ignore[return-value]


async def _publish_before_start(kafka: str, prefix: str, events: list[EventModel]) -> None:
    await ensure_topics(kafka, [ENROLMENTS], prefix)
    producer = AIOKafkaProducer(bootstrap_servers=kafka)
    await producer.start()
    try:
        for event in events:
            headers = Envelope.for_event(event, source=ENROLMENT, id=str(uuid.uuid4())).to_headers()
            key = event.aggregate_id().encode()
            await producer.send_and_wait(prefix + event.topic, encode_event(event), key=key, headers=headers)
    finally:
        await producer.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def burst(start_service, kafka_server) -> AsyncIterator[tuple[object, uuid.UUID]]:
    """The service started on a topic prefix whose enrolment topic already holds the whole burst."""
    events, withdrawn = _burst()
    prefix = f"t{uuid.uuid4().hex[:8]}."
    await _publish_before_start(kafka_server.bootstrap_servers, prefix, events)
    async with start_service(NotificationsSettings, bootstrap, topic_prefix=prefix, **FAST_SENDING) as svc:
        yield svc, withdrawn


async def test_a_burst_is_recorded_in_few_transactions_once_per_enrolment_in_order(burst):
    service, withdrawn = burst
    db = service.db
    await eventually(lambda: db.fetchval("SELECT count(*) = $1 FROM inbox", BURST + 3))

    learners = [r["learner_id"] for r in await db.fetch(CONFIRMED)]
    transactions = await db.fetchval(
        "SELECT count(DISTINCT xmin::text) FROM messages WHERE template = 'enrolment-confirmed'"
    )
    assert len(learners) == len(set(learners)) == BURST + 1  # the confirmation told twice made one message
    assert transactions <= BURST // 4  # a polled batch per transaction, not one per event
    assert await db.fetchval("SELECT count(*) FROM deliveries WHERE channel = 'in_app'") == BURST + 2
    assert await db.fetchval("SELECT count(*) FROM places WHERE active") == BURST
    assert await db.fetchval("SELECT active FROM places WHERE enrolment_id = $1", withdrawn) is False
    assert await db.fetchval("SELECT count(DISTINCT learner_id) FROM interests") == BURST + 1
