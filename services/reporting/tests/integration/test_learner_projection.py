"""Learner dimensions and enrolments projected from Kafka: idempotent, order-free, erasure freezes."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from contracts.events.enrolment import EnrolmentConfirmedV1, EnrolmentConfirmedV2
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from contracts.events.enrolment.learner_erased_v1 import LearnerErasedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.enrolment.learner_updated_v1 import LearnerUpdatedV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def dimensions(learner: uuid.UUID, locality: str) -> dict[str, object]:
    return dict(
        learner_id=learner,
        sex="female",
        age_band="25-54",
        locality_code=locality,
        ethnic_minority=True,
        support_categories=["ethnic_minority", "woman"],
        learner_type="resident",
    )


async def send(reporting, kafka_server, topic: str, events, key: uuid.UUID) -> None:
    messages = [e if isinstance(e, tuple) else as_message(e) for e in events]
    name = reporting.runtime.topic_name(topic)
    await produce(kafka_server.bootstrap_servers, name, messages, key=str(key).encode())


async def row(reporting, learner: uuid.UUID):
    return await reporting.db.fetchrow("SELECT * FROM learner_dimensions WHERE learner_id = $1", learner)


async def test_erasure_keeps_the_last_dimensions_and_ignores_later_updates(reporting, kafka_server):
    learner = uuid.uuid4()
    events = [
        LearnerRegisteredV1(**dimensions(learner, "00004"), registered_at=T0),
        LearnerUpdatedV1(**dimensions(learner, "00008"), updated_at=T0 + timedelta(days=1)),
        LearnerErasedV1(learner_id=learner, erased_at=T0 + timedelta(days=2)),
        LearnerUpdatedV1(**dimensions(learner, "00070"), updated_at=T0 + timedelta(days=3)),
    ]

    await send(reporting, kafka_server, "enrolment.learners", events, learner)

    stored = await eventually(lambda: _erased(reporting, learner))
    assert (stored["locality_code"], stored["sex"], stored["age_band"]) == ("00008", "female", "25-54")
    assert stored["support_categories"] == ["ethnic_minority", "woman"]


async def test_an_older_update_arriving_later_changes_nothing(reporting, kafka_server):
    learner = uuid.uuid4()
    newer = LearnerUpdatedV1(**dimensions(learner, "00025"), updated_at=T0 + timedelta(days=5))
    older = LearnerRegisteredV1(**dimensions(learner, "00004"), registered_at=T0)
    marker = uuid.uuid4()  # a later event on the same partition proves the older one was handled
    last = LearnerRegisteredV1(**dimensions(marker, "00004"), registered_at=T0)

    await send(reporting, kafka_server, "enrolment.learners", [newer, older, last], learner)

    await eventually(lambda: row(reporting, marker))
    assert (await row(reporting, learner))["locality_code"] == "00025"


async def test_an_enrolment_delivered_twice_is_stored_and_counted_once(reporting, kafka_server):
    course, enrolment = uuid.uuid4(), uuid.uuid4()
    twice = as_message(confirmed(enrolment, course))  # the same CloudEvents id both times
    marker = confirmed(uuid.uuid4(), course)

    await send(reporting, kafka_server, "enrolment.enrolments", [twice, twice, marker], enrolment)

    await eventually(lambda: _count(reporting, course, 2))
    async with reporting.runtime.uow() as uow:
        assert (await uow.enrolment_counts.all())[str(course)] == 2


async def test_a_retired_confirmed_v1_is_not_read_and_v2_alone_counts_a_confirmation(reporting, kafka_server):
    course, enrolment = uuid.uuid4(), uuid.uuid4()
    retired = EnrolmentConfirmedV1(
        enrolment_id=uuid.uuid4(), course_id=course, learner_id=uuid.uuid4(), confirmed_at=T0
    )
    marker = confirmed(enrolment, course)  # after the v1 on the same partition: proves v1 was passed

    await send(reporting, kafka_server, "enrolment.enrolments", [as_message(retired), marker], enrolment)

    query = "SELECT array_agg(enrolment_id) FROM enrolment_facts WHERE course_id = $1"
    stored = await eventually(lambda: reporting.db.fetchval(query, course))  # the marker's fact is there
    assert stored == [enrolment]


def confirmed(enrolment: uuid.UUID, course: uuid.UUID) -> EnrolmentConfirmedV2:
    ids = {"enrolment_id": enrolment, "course_id": course, "learner_id": uuid.uuid4()}
    return EnrolmentConfirmedV2(**{**EXAMPLE_FACTS, **ids}, confirmed_at=T0)


async def _erased(reporting, learner: uuid.UUID):
    stored = await row(reporting, learner)
    return stored if stored is not None and stored["erased"] else None


async def _count(reporting, course: uuid.UUID, expected: int) -> bool:
    n = await reporting.db.fetchval("SELECT count(*) FROM enrolment_facts WHERE course_id = $1", course)
    return n == expected
