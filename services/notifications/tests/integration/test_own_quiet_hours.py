"""A learner's own quiet hours (preferences) hold their non-urgent mail back, whatever the city's default."""

import uuid
from datetime import UTC, datetime

import pytest
from contracts.events.enrolment import LearnerContactsChangedV1
from localinfra.polling import eventually
from notifications.domain.preferences import HANOI

from .conftest import handled
from .test_delivery import confirmed

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


async def test_a_learner_s_own_quiet_hours_hold_their_mail_back_and_are_read_back(
    notifications, publish, mail_sink, problem
):
    learner, address = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn"
    contacts = LearnerContactsChangedV1(
        learner_id=learner, email=address, language="vi", consent=["email"], changed_at=T0
    )
    await handled(notifications, await publish(notifications, contacts))
    hour = datetime.now(HANOI).hour  # quiet from this hour for two hours: now is quiet for this learner
    quiet = {"start": hour, "end": (hour + 2) % 24}
    url, own = f"/v1/learners/{learner}/preferences", notifications.token(str(learner), "learner")

    put = await notifications.client.put(url, json={"opted_out": [], "quiet_hours": quiet}, headers=own)
    got = await notifications.client.get(url, headers=own)
    await publish(notifications, confirmed(learner))

    assert put.status_code == 200 and got.json() == {"opted_out": [], "quiet_hours": quiet}
    held = (  # waiting for the end of the learner's quiet hours; the wait is not counted as an attempt
        "SELECT 1 FROM deliveries WHERE learner_id = $1 AND status = 'pending' AND attempts = 0"
        " AND next_attempt_at > now() + interval '59 minutes'"
    )
    assert await eventually(lambda: notifications.db.fetchval(held, learner)) == 1
    assert [m for m in mail_sink.messages if address in m.recipients] == []
    bad = {"opted_out": [], "quiet_hours": {"start": 24, "end": 7}}
    problem(await notifications.client.put(url, json=bad, headers=own), 422)
