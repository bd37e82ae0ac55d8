"""Delivery when things fail: SMTP down (retried, then failed, nothing lost), a sender dying mid-send."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.events.enrolment import EnrolmentConfirmedV2, LearnerContactsChangedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.recording_http import RecordingHttpServer
from notifications.adapters.channels.http_gateways import ZaloOfficialAccount
from notifications.adapters.uow import SqlUnitOfWork
from notifications.bootstrap import NotificationsSettings, bootstrap
from notifications.domain.contacts import Channel
from notifications.domain.delivery import Outgoing
from pydantic import SecretStr

from .conftest import FAST_SENDING

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def smtp_down(start_service):
    """Notifications whose SMTP server is not there (nothing listens on the port)."""
    [port] = free_ports(1)
    async with start_service(NotificationsSettings, bootstrap, **FAST_SENDING, smtp_port=port) as service:
        yield service


async def test_smtp_down_is_retried_then_failed_with_the_reason_and_the_message_kept(smtp_down, publish):
    learner = uuid.uuid4()
    contacts = LearnerContactsChangedV1(
        learner_id=learner, email="an@example.vn", language="vi", consent=["email"], changed_at=T0
    )
    confirmed = EnrolmentConfirmedV2(
        **{**EXAMPLE_FACTS, "enrolment_id": uuid.uuid4(), "learner_id": learner, "course_id": uuid.uuid4()},
        confirmed_at=T0,
    )
    await publish(smtp_down, contacts)
    await eventually(
        lambda: smtp_down.db.fetchval("SELECT 1 FROM learner_contacts WHERE learner_id = $1", learner)
    )

    await publish(smtp_down, confirmed)

    query = "SELECT status, attempts, reason FROM deliveries WHERE learner_id = $1 AND status <> 'pending'"
    row = await eventually(lambda: smtp_down.db.fetchrow(query, learner))
    assert (row["status"], row["attempts"], row["reason"]) == ("failed", 3, "smtp-unreachable")
    assert await smtp_down.db.fetchval("SELECT count(*) FROM messages WHERE learner_id = $1", learner) == 1


async def test_a_claimed_delivery_never_recorded_is_due_again_after_its_lease(smtp_down):
    learner, message = uuid.uuid4(), uuid.uuid4()
    far = datetime.now(UTC) + timedelta(days=365)  # the service's own sender loop never reaches it
    await smtp_down.db.execute(
        "INSERT INTO messages (id, learner_id, template, body_vi, body_en, created_at, source_event_id) "
        "VALUES ($1, $2, 'enrolment-confirmed', 'x', 'x', now(), $3)",
        message,
        learner,
        str(uuid.uuid4()),
    )
    await smtp_down.db.execute(
        "INSERT INTO deliveries"
        " (id, message_id, learner_id, channel, kind, status, attempts, next_attempt_at)"
        " VALUES ($1, $2, $3, 'email', 'enrolment-confirmed', 'pending', 0, $4)",
        uuid.uuid4(),
        message,
        learner,
        far,
    )
    lease = timedelta(minutes=2)

    async def claim(at: datetime) -> list:
        async with SqlUnitOfWork(
            smtp_down.db, smtp_down.runtime.outbox, smtp_down.runtime.telemetry.tracer
        ) as uow:
            return [d for d in await uow.deliveries.claim_due(at, 1000, lease) if d.learner_id == learner]

    [first] = await claim(far)  # then the sender "dies" before recording the outcome
    assert await claim(far + lease - timedelta(seconds=1)) == []  # nobody else sends it meanwhile
    [again] = await claim(far + lease)
    assert (first.attempts, again.attempts, again.id) == (1, 2, first.id)


async def test_the_messaging_app_gets_the_phone_and_an_idempotency_key_over_http():
    with RecordingHttpServer() as server:
        zalo = ZaloOfficialAccount(f"{server.url}/zalo", SecretStr("zalo-token"), 2.0)
        item = Outgoing(uuid.uuid4(), Channel.ZALO, "+84912345678", "Chủ đề", "Xin chào")

        await zalo.send(item)

        [request] = server.requests
        assert (
            request.body["phone"] == "84912345678" and request.body["template_data"]["content"] == "Xin chào"
        )
        assert request.headers["Idempotency-Key"] == item.key == request.body["tracking_id"]
        assert request.headers["Authorization"] == "Bearer zalo-token"
