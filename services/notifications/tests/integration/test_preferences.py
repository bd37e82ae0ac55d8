"""A learner's opt-outs (own only) and the one-click unsubscribe link from a real e-mail (SMTP, Kafka)."""

import time
import uuid
from datetime import UTC, datetime

import pytest
from contracts.events.enrolment import EnrolmentConfirmedV2, LearnerContactsChangedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from localinfra.polling import eventually

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


async def test_a_learner_sets_and_reads_their_own_opt_outs_only(notifications, problem):
    learner = uuid.uuid4()
    url, own = f"/v1/learners/{learner}/preferences", notifications.token(str(learner), "learner")

    put = await notifications.client.put(url, json={"opted_out": ["sms", "email", "sms"]}, headers=own)
    got = await notifications.client.get(url, headers=own)

    assert put.status_code == 200 and got.json() == {"opted_out": ["email", "sms"], "quiet_hours": None}
    other = notifications.token(str(uuid.uuid4()), "learner")
    problem(await notifications.client.get(url, headers=other), 403)
    problem(await notifications.client.put(url, json={"opted_out": ["fax"]}, headers=own), 422)


async def confirmed_mail(service, publish, sink, learner, address):
    await publish(
        service,
        EnrolmentConfirmedV2(
            **{
                **EXAMPLE_FACTS,
                "enrolment_id": uuid.uuid4(),
                "learner_id": learner,
                "course_id": uuid.uuid4(),
            },
            confirmed_at=T0,
        ),
    )
    return await eventually(lambda: _mails_to(sink, address))


async def _mails_to(sink, address: str):
    return [m for m in sink.messages if address in m.recipients]


async def test_the_link_in_a_mail_unsubscribes_at_once_and_the_next_message_is_not_mailed(
    notifications, publish, mail_sink
):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    contacts = LearnerContactsChangedV1(
        learner_id=learner, email=address, language="vi", consent=["email"], changed_at=T0
    )
    await publish(notifications, contacts)
    await eventually(
        lambda: notifications.db.fetchval("SELECT 1 FROM learner_contacts WHERE learner_id = $1", learner)
    )
    [mail] = await confirmed_mail(notifications, publish, mail_sink, learner, address)
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = mail.message["List-Unsubscribe"].strip("<>")

    response = await notifications.client.post(link.split("8003", 1)[1])

    assert response.status_code == 200 and response.json() == {"channel": "email"}
    await publish(
        notifications,
        EnrolmentConfirmedV2(
            **{
                **EXAMPLE_FACTS,
                "enrolment_id": uuid.uuid4(),
                "learner_id": learner,
                "course_id": uuid.uuid4(),
            },
            confirmed_at=T0,
        ),
    )
    query = "SELECT reason FROM deliveries WHERE learner_id = $1 AND status = 'failed'"
    assert await eventually(lambda: notifications.db.fetchval(query, learner)) == "opted-out"
    assert len(await _mails_to(mail_sink, address)) == 1


async def test_a_forged_link_is_400_and_an_expired_one_410(notifications, problem):
    secret = notifications.runtime.settings.jwt_dev_secret.get_secret_value()

    class LongAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 365 * 86_400

    expired = URLSafeTimedSerializer(secret, salt="notifications.unsubscribe", signer=LongAgo).dumps(
        [str(uuid.uuid4()), "email"]
    )
    forged = URLSafeTimedSerializer("not-the-key", salt="notifications.unsubscribe").dumps(
        [str(uuid.uuid4()), "email"]
    )

    problem(await notifications.client.get("/v1/unsubscribe", params={"token": forged}), 400)
    body = problem(await notifications.client.get("/v1/unsubscribe", params={"token": expired}), 410)
    assert body["type"].endswith("/unsubscribe-link-expired")
