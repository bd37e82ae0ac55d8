"""Notifications keeps learners' contacts from the restricted topic and forgets them on erasure (Kafka)."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from contracts.envelope import Envelope, encode_event
from contracts.event import EventModel
from contracts.events.enrolment import LearnerContactsChangedV1, LearnerContactsErasedV1
from localinfra.polling import eventually

from .conftest import handled

pytestmark = pytest.mark.integration

ENROLMENT = "/vn/hanoi/learningcity/enrolment"
T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


async def send(service, *events: EventModel, source: str = ENROLMENT) -> list[str]:
    """Publish as enrolment's relay would: binary CloudEvents headers, keyed by learner id; the ce ids."""
    settings = service.runtime.settings
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    await producer.start()
    ids = [str(uuid.uuid4()) for _ in events]
    try:
        for event, ce_id in zip(events, ids, strict=True):
            headers = Envelope.for_event(event, source=source, id=ce_id).to_headers()
            topic = settings.topic_prefix + event.topic
            await producer.send_and_wait(
                topic, encode_event(event), key=event.aggregate_id().encode(), headers=headers
            )
    finally:
        await producer.stop()
    return ids


def changed(learner_id: uuid.UUID, email: str, at: datetime = T0) -> LearnerContactsChangedV1:
    return LearnerContactsChangedV1(
        learner_id=learner_id,
        email=email,
        phone="0912345678",
        language="en",
        consent=["email"],
        changed_at=at,
    )


async def contacts_row(service, learner_id: uuid.UUID) -> Any:
    return await service.db.fetchrow("SELECT * FROM learner_contacts WHERE learner_id = $1", learner_id)


async def test_contacts_are_stored_with_language_and_consent(notifications):
    learner = uuid.uuid4()

    await send(notifications, changed(learner, "an@example.vn"))

    row = await eventually(lambda: contacts_row(notifications, learner))
    assert (row["email"], row["language"], list(row["consent"])) == ("an@example.vn", "en", ["email"])


async def test_erasure_deletes_the_contacts_and_messages_and_a_later_record_is_not_stored(notifications):
    learner = uuid.uuid4()
    await notifications.db.execute(
        "INSERT INTO messages (id, learner_id, template, body_vi, body_en, created_at, source_event_id) "
        "VALUES ($1, $2, 'enrolment-confirmed', 'x', 'x', now(), 'e1')",
        uuid.uuid4(),
        learner,
    )
    await send(notifications, changed(learner, "an@example.vn"))
    await eventually(lambda: contacts_row(notifications, learner))

    erased = LearnerContactsErasedV1(learner_id=learner, erased_at=T0 + timedelta(hours=1))
    late = changed(learner, "an@example.vn", T0 + timedelta(hours=2))  # e.g. a redriven dead letter
    await handled(notifications, await send(notifications, erased, late))

    assert await contacts_row(notifications, learner) is None
    messages = "SELECT count(*) FROM messages WHERE learner_id = $1"
    assert await notifications.db.fetchval(messages, learner) == 0


async def test_an_older_record_delivered_late_does_not_replace_newer_contacts(notifications):
    learner = uuid.uuid4()

    await send(notifications, changed(learner, "new@example.vn", T0 + timedelta(days=1)))
    await eventually(lambda: contacts_row(notifications, learner))
    await handled(notifications, await send(notifications, changed(learner, "old@example.vn", T0)))

    assert (await contacts_row(notifications, learner))["email"] == "new@example.vn"


async def test_contacts_from_a_source_other_than_enrolment_are_dead_lettered_not_stored(notifications):
    learner = uuid.uuid4()

    await send(notifications, changed(learner, "evil@example.vn"), source="/vn/hanoi/learningcity/reporting")
    await send(notifications, changed(learner, "an@example.vn", T0 - timedelta(days=1)))

    row = await eventually(lambda: contacts_row(notifications, learner))
    assert row["email"] == "an@example.vn"
