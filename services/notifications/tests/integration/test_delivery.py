"""Messages leave after the commit that records them: real SMTP, a real HTTP SMS gateway, the inbox."""

import asyncio
import json
import uuid
from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaConsumer
from contracts.events.enrolment import EnrolmentConfirmedV2, LearnerContactsChangedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually

from .conftest import handled

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def contacts(learner: uuid.UUID, email: str, *consent: str, phone: str = "0912 345 678"):
    return LearnerContactsChangedV1(
        learner_id=learner, email=email, phone=phone, language="vi", consent=list(consent), changed_at=T0
    )


def confirmed(learner: uuid.UUID, enrolment: uuid.UUID | None = None) -> EnrolmentConfirmedV2:
    return EnrolmentConfirmedV2(
        **{
            **EXAMPLE_FACTS,
            "enrolment_id": enrolment or uuid.uuid4(),
            "learner_id": learner,
            "course_id": uuid.uuid4(),
        },
        confirmed_at=T0,
    )


async def settled(service, learner: uuid.UUID, count: int) -> list:
    """The learner's deliveries once `count` of them exist and none is pending any more."""

    async def probe() -> list:
        rows = await service.db.fetch(
            "SELECT channel, status, attempts, reason FROM deliveries WHERE learner_id = $1 ORDER BY channel",
            learner,
        )
        return rows if len(rows) == count and all(r["status"] != "pending" for r in rows) else []

    return await eventually(probe)


async def test_a_confirmation_is_mailed_and_texted_once_even_when_the_event_comes_again(
    notifications, publish, mail_sink, gateway
):
    learner, address, enrolment = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn", uuid.uuid4()
    await handled(
        notifications, await publish(notifications, contacts(learner, address, "email", "sms", "in_app"))
    )

    ids = await publish(notifications, confirmed(learner, enrolment))
    await handled(notifications, ids)
    await publish(notifications, confirmed(learner, enrolment), ids=ids)  # redelivered: same record
    await handled(notifications, await publish(notifications, confirmed(learner, enrolment)))  # republished

    rows = await settled(notifications, learner, 3)
    assert [(r["channel"], r["status"], r["attempts"]) for r in rows] == [
        ("email", "sent", 1),
        ("in_app", "sent", 1),
        ("sms", "sent", 1),
    ]
    [mail] = [m for m in mail_sink.messages if address in m.recipients]
    assert "Bạn đã được xác nhận" in mail.body and mail.message["Message-ID"]
    [sms] = [r for r in gateway.requests if r.path == "/sms" and r.body["text"] == mail.body]
    assert sms.body["to"] == "+84912345678" and sms.headers["Authorization"] == "Bearer sms-token"
    assert sms.headers["Idempotency-Key"] == sms.body["reference"]


async def test_an_invalid_phone_number_fails_the_sms_for_good_with_the_reason(notifications, publish):
    learner = uuid.uuid4()
    await handled(
        notifications, await publish(notifications, contacts(learner, "x@example.vn", "sms", phone="12345"))
    )

    await publish(notifications, confirmed(learner))

    [row] = await settled(notifications, learner, 1)
    assert (row["status"], row["reason"], row["attempts"]) == ("failed", "invalid-address", 1)


async def test_a_gateway_busy_answer_is_retried_and_a_refusal_is_final(notifications, publish, gateway):
    busy, refused = uuid.uuid4(), uuid.uuid4()
    for learner in (busy, refused):
        await handled(notifications, await publish(notifications, contacts(learner, "x@example.vn", "sms")))

    gateway.answer([503])
    await publish(notifications, confirmed(busy))
    [row] = await settled(notifications, busy, 1)
    assert (row["status"], row["attempts"], row["reason"]) == ("sent", 2, None)

    gateway.answer([400])
    await publish(notifications, confirmed(refused))
    [row] = await settled(notifications, refused, 1)
    assert (row["status"], row["attempts"], row["reason"]) == ("failed", 1, "sms-400")


async def test_an_opt_out_is_honoured_for_the_next_message(notifications, publish, mail_sink):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    await handled(notifications, await publish(notifications, contacts(learner, address, "email")))
    withdrawn = contacts(learner, address).model_copy(update={"changed_at": T0.replace(hour=4)})
    await handled(notifications, await publish(notifications, withdrawn))

    await handled(notifications, await publish(notifications, confirmed(learner)))

    assert (
        await notifications.db.fetchval("SELECT count(*) FROM deliveries WHERE learner_id = $1", learner) == 0
    )
    assert [m for m in mail_sink.messages if address in m.recipients] == []


async def status_events(service, learner: uuid.UUID, count: int) -> list[tuple[str, dict, bytes]]:
    """The delivery status records about `learner` on notifications.messages (type, data, raw value)."""
    settings = service.runtime.settings
    consumer = AIOKafkaConsumer(
        settings.topic_prefix + "notifications.messages",
        bootstrap_servers=settings.kafka_bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[tuple[str, dict, bytes]] = []
    try:
        while len(found) < count:
            batch = await asyncio.wait_for(consumer.getmany(timeout_ms=500), timeout=30)
            for record in (r for records in batch.values() for r in records):
                data = json.loads(record.value)
                if data["learner_id"] == str(learner):
                    found.append((dict(record.headers)["ce_type"].decode(), data, record.value))
    finally:
        await consumer.stop()
    return found


async def test_each_outcome_is_announced_on_kafka_without_address_or_body(notifications, publish):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    await handled(
        notifications, await publish(notifications, contacts(learner, address, "email", "sms", phone="1"))
    )

    await publish(notifications, confirmed(learner))

    events = sorted(await status_events(notifications, learner, 2), key=lambda e: e[1]["channel"])
    assert [(t.rsplit(".", 2)[-2], d["channel"]) for t, d, _ in events] == [
        ("sent", "email"),
        ("failed", "sms"),
    ]
    assert events[1][1]["reason"] == "invalid-address" and events[0][1]["kind"] == "enrolment-confirmed"
    assert not any(
        address.encode() in raw or b"+84" in raw or "xác nhận".encode() in raw for *_, raw in events
    )
