"""Offering reminders the day before the start (Hanoi): to holders only, once, whatever the instances."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from contracts.events.content import OfferingCancelledV1, OfferingScheduledV1
from contracts.events.enrolment import EnrolmentConfirmedV2, EnrolmentWithdrawnV1, LearnerContactsChangedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually
from notifications.app.reminders import remind_once
from notifications.domain.preferences import HANOI
from servicekit.ports import Dependencies

from .conftest import handled

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
CONTENT = "/vn/hanoi/learningcity/content"


def scheduled(offering: uuid.UUID, days_ahead: int) -> OfferingScheduledV1:
    example = OfferingScheduledV1.model_json_schema()["examples"][0]
    starts_on = datetime.now(HANOI).date() + timedelta(days=days_ahead)
    return OfferingScheduledV1(**{**example, "offering_id": str(offering), "starts_on": starts_on})


def cancelled(offering: uuid.UUID) -> OfferingCancelledV1:
    example = OfferingCancelledV1.model_json_schema()["examples"][0]
    starts_on = datetime.now(HANOI).date() + timedelta(days=1)
    return OfferingCancelledV1(
        **{**example, "offering_id": str(offering), "starts_on": starts_on, "revision": 2}
    )


def place(learner: uuid.UUID, offering: uuid.UUID, enrolment: uuid.UUID) -> EnrolmentConfirmedV2:
    facts = {**EXAMPLE_FACTS, "learner_id": learner, "offering_id": offering, "enrolment_id": enrolment}
    return EnrolmentConfirmedV2(**facts, confirmed_at=T0)


async def reminders_of(service, learner: uuid.UUID) -> list[str]:
    query = "SELECT source_event_id FROM messages WHERE learner_id = $1 AND template = 'offering-reminder'"
    return [r["source_event_id"] for r in await service.db.fetch(query, learner)]


async def test_holders_are_reminded_once_the_day_before_and_no_one_else(notifications, publish, mail_sink):
    holder, withdrawn, on_cancelled, later = (uuid.uuid4() for _ in range(4))
    tomorrow, gone, far = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for learner in (holder, withdrawn, on_cancelled, later):
        contacts = LearnerContactsChangedV1(
            learner_id=learner, email=f"{learner}@example.vn", language="en", consent=["email"], changed_at=T0
        )
        await handled(notifications, await publish(notifications, contacts))
    left = uuid.uuid4()
    enrolments = [
        place(holder, tomorrow, uuid.uuid4()),
        place(withdrawn, tomorrow, left),
        EnrolmentWithdrawnV1(
            **{**EXAMPLE_FACTS, "learner_id": withdrawn, "offering_id": tomorrow, "enrolment_id": left},
            withdrawn_at=T0,
        ),
        place(on_cancelled, gone, uuid.uuid4()),
        place(later, far, uuid.uuid4()),
    ]
    await handled(notifications, await publish(notifications, *enrolments))

    # the cancellation is stored before anything else, and its older "scheduled" arrives late and changes
    # nothing: sent the other way round, the reminder loop may rightly remind in between
    await handled(notifications, await publish(notifications, cancelled(gone), source=CONTENT))
    offerings = [scheduled(tomorrow, 1), scheduled(gone, 1), scheduled(far, 5)]
    await handled(notifications, await publish(notifications, *offerings, source=CONTENT))

    mail = await eventually(lambda: _reminder_mail(mail_sink, holder))
    assert "starts on" in mail.body
    assert await reminders_of(notifications, holder) == [f"{tomorrow}:reminder:{offerings[0].starts_on}"]
    for learner in (withdrawn, on_cancelled, later):
        assert await reminders_of(notifications, learner) == []


async def test_a_second_instance_or_a_lost_marker_records_no_second_reminder(notifications, publish):
    holder, offering = uuid.uuid4(), uuid.uuid4()
    await handled(notifications, await publish(notifications, place(holder, offering, uuid.uuid4())))
    await handled(notifications, await publish(notifications, scheduled(offering, 1), source=CONTENT))
    await eventually(lambda: reminders_of(notifications, holder))

    # as if the marker were lost, and three more instances looked at once beside the service's own loop
    await notifications.db.execute(
        "UPDATE offerings SET reminded_for = NULL WHERE offering_id = $1", offering
    )
    runtime, deps = notifications.runtime, Dependencies()
    await asyncio.gather(*(remind_once(runtime.uow, 0, deps) for _ in range(3)))
    await eventually(
        lambda: notifications.db.fetchval(
            "SELECT reminded_for IS NOT NULL FROM offerings WHERE offering_id = $1", offering
        )
    )

    assert len(await reminders_of(notifications, holder)) == 1


async def _reminder_mail(sink, learner):
    return next(
        (m for m in sink.messages if f"{learner}@example.vn" in m.recipients and "reminder" in m.body), None
    )
