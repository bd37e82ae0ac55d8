"""Contacts that arrive after a learner's confirmation still get it mailed, once (real Kafka, SMTP)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from contracts.events.enrolment import EnrolmentConfirmedV2, LearnerContactsChangedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually

from .conftest import handled

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def contacts(learner: uuid.UUID, email: str, at: datetime = T0) -> LearnerContactsChangedV1:
    return LearnerContactsChangedV1(
        learner_id=learner, email=email, phone=None, language="en", consent=["email", "in_app"], changed_at=at
    )


def confirmed(learner: uuid.UUID) -> EnrolmentConfirmedV2:
    facts = {**EXAMPLE_FACTS, "enrolment_id": uuid.uuid4(), "learner_id": learner, "course_id": uuid.uuid4()}
    return EnrolmentConfirmedV2(**facts, confirmed_at=T0)


async def deliveries(service, learner: uuid.UUID) -> list[tuple[str, str, str]]:
    """(message kind, channel, status) of each of the learner's deliveries."""
    rows = await service.db.fetch(
        "SELECT m.template, d.channel, d.status FROM deliveries d JOIN messages m ON m.id = d.message_id"
        " WHERE d.learner_id = $1 ORDER BY m.template, d.channel",
        learner,
    )
    return [(r["template"], r["channel"], r["status"]) for r in rows]


async def settled(service, learner: uuid.UUID, count: int) -> list[tuple[str, str, str]]:
    """The learner's e-mail deliveries once `count` deliveries exist and none is pending any more (the
    inbox's own outcome depends on whether the sender got to it before the contacts: not looked at)."""

    async def probe() -> list[tuple[str, str, str]]:
        rows = await deliveries(service, learner)
        return rows if len(rows) == count and all(r[2] != "pending" for r in rows) else []

    return [r for r in await eventually(probe, timeout=15) if r[1] == "email"]


async def confirmation_before_contacts(service, publish, learner: uuid.UUID) -> None:
    """The confirmation is handled while notifications knows no contacts: only the inbox delivery."""
    await handled(service, await publish(service, confirmed(learner)))
    assert [c for _, c, _ in await deliveries(service, learner)] == ["in_app"]


def mails_to(mail_sink, address: str) -> list:
    return [m for m in mail_sink.messages if address in m.recipients]


async def test_contacts_arriving_after_the_confirmation_mail_it_once(notifications, publish, mail_sink):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    await confirmation_before_contacts(notifications, publish, learner)

    await handled(notifications, await publish(notifications, contacts(learner, address)))

    assert await settled(notifications, learner, 2) == [("enrolment-confirmed", "email", "sent")]
    [mail] = mails_to(mail_sink, address)  # sent: the sink accepted it before the status was recorded
    assert "Your place on course" in mail.body


async def test_redelivered_or_changed_contacts_mail_the_late_confirmation_only_once(
    notifications, publish, mail_sink
):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    await confirmation_before_contacts(notifications, publish, learner)
    ids = await publish(notifications, contacts(learner, address))
    await handled(notifications, ids)

    await publish(notifications, contacts(learner, address), ids=ids)  # the very same record again
    later = contacts(learner, address, T0 + timedelta(minutes=1))  # republished: a new record, same consent
    await handled(notifications, await publish(notifications, later))

    assert await settled(notifications, learner, 2) == [("enrolment-confirmed", "email", "sent")]
    assert len(mails_to(mail_sink, address)) == 1


async def test_a_message_older_than_the_window_gets_no_late_mail(notifications, publish, mail_sink):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    await confirmation_before_contacts(notifications, publish, learner)
    # As if the confirmation had been recorded two hours ago (the window is 60 minutes by default).
    await notifications.db.execute(
        "UPDATE messages SET created_at = now() - interval '2 hours' WHERE learner_id = $1", learner
    )

    await handled(notifications, await publish(notifications, contacts(learner, address)))

    assert await settled(notifications, learner, 1) == []
    assert mails_to(mail_sink, address) == []


async def test_a_campaign_message_gets_no_late_delivery(notifications, publish, mail_sink):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    # A campaign reached the learner before their contacts: its audience, not late contacts, decides it.
    message = uuid.uuid4()
    await notifications.db.execute(
        "INSERT INTO messages (id, learner_id, template, body_vi, body_en, created_at, source_event_id)"
        " VALUES ($1, $2, 'campaign', 'x', 'x', now(), $3)",
        message,
        learner,
        str(uuid.uuid4()),
    )
    await confirmation_before_contacts(notifications, publish, learner)

    await handled(notifications, await publish(notifications, contacts(learner, address)))

    assert await settled(notifications, learner, 2) == [("enrolment-confirmed", "email", "sent")]
    assert len(mails_to(mail_sink, address)) == 1


async def test_a_late_delivery_honours_the_learners_opt_out_like_any_other(notifications, publish, mail_sink):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    await notifications.db.execute(
        "INSERT INTO opt_outs (learner_id, channel, opted_out_at) VALUES ($1, 'email', now())", learner
    )
    await confirmation_before_contacts(notifications, publish, learner)

    await handled(notifications, await publish(notifications, contacts(learner, address)))

    assert await settled(notifications, learner, 2) == [("enrolment-confirmed", "email", "failed")]
    reason = "SELECT reason FROM deliveries WHERE learner_id = $1 AND channel = 'email'"
    assert await notifications.db.fetchval(reason, learner) == "opted-out"
    assert mails_to(mail_sink, address) == []
