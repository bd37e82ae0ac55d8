"""Contacts that come after a learner's recent messages add their missing deliveries (in-memory fakes)."""

from datetime import timedelta
from uuid import UUID, uuid4

from notifications.app.late_contacts import receive_contacts
from notifications.app.notify_learner import notify_learner
from notifications.app.record_message import record_message
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.message import Message
from servicekit.ports import Dependencies
from servicekit.testing import FixedClock

from .conftest import NOW
from .test_use_cases import confirmed

HOUR = timedelta(hours=1)


def contacts(learner: UUID, *consent: Channel, at=NOW) -> LearnerContacts:
    return LearnerContacts(learner, "an@example.vn", "0912345678", "vi", frozenset(consent), at)


def channels(uow, learner: UUID) -> list[tuple[str, str]]:
    rows = [d for d in uow.deliveries.items.values() if d.learner_id == learner]
    return sorted((d.kind, d.channel.value) for d in rows)


async def test_first_contacts_add_the_email_of_a_message_recorded_without_them(uow, deps):
    learner = uuid4()
    await notify_learner(confirmed(learner, uuid4(), "e1"), uow, deps)

    assert await receive_contacts(contacts(learner, Channel.EMAIL, Channel.IN_APP), uow, deps, HOUR)

    assert channels(uow, learner) == [("enrolment-confirmed", "email"), ("enrolment-confirmed", "in_app")]


async def test_contacts_again_or_changed_add_nothing_twice(uow, deps):
    learner = uuid4()
    await notify_learner(confirmed(learner, uuid4(), "e1"), uow, deps)
    await receive_contacts(contacts(learner, Channel.EMAIL), uow, deps, HOUR)

    await receive_contacts(contacts(learner, Channel.EMAIL), uow, deps, HOUR)
    await receive_contacts(contacts(learner, Channel.EMAIL, at=NOW + timedelta(1)), uow, deps, HOUR)

    assert channels(uow, learner) == [("enrolment-confirmed", "email"), ("enrolment-confirmed", "in_app")]


async def test_a_newly_consented_channel_is_added_and_only_that_one(uow, deps):
    learner = uuid4()
    await receive_contacts(contacts(learner, Channel.IN_APP), uow, deps, HOUR)
    await notify_learner(confirmed(learner, uuid4(), "e1"), uow, deps)

    await receive_contacts(
        contacts(learner, Channel.IN_APP, Channel.SMS, at=NOW + timedelta(1)), uow, deps, HOUR
    )

    assert channels(uow, learner) == [("enrolment-confirmed", "in_app"), ("enrolment-confirmed", "sms")]


async def test_a_channel_without_consent_or_address_gets_nothing(uow, deps):
    learner = uuid4()
    await notify_learner(confirmed(learner, uuid4(), "e1"), uow, deps)
    no_phone = LearnerContacts(learner, "an@example.vn", None, "vi", frozenset({Channel.SMS}), NOW)

    await receive_contacts(no_phone, uow, deps, HOUR)

    assert channels(uow, learner) == [("enrolment-confirmed", "in_app")]


async def test_messages_older_than_the_window_and_campaigns_get_no_late_delivery(uow, deps):
    learner = uuid4()
    await notify_learner(confirmed(learner, uuid4(), "old"), uow, deps)
    campaign = Message(uuid4(), learner, "campaign", "x", "x", NOW + HOUR, "c1")
    await record_message(campaign, uow, deps, only=(Channel.IN_APP,))
    later = Dependencies(FixedClock(NOW + HOUR + timedelta(minutes=1)), deps.ids)

    await receive_contacts(contacts(learner, Channel.EMAIL), uow, later, HOUR)

    assert channels(uow, learner) == [("campaign", "in_app"), ("enrolment-confirmed", "in_app")]


async def test_a_zero_window_adds_nothing_and_an_erased_learner_is_not_stored(uow, deps):
    learner, erased = uuid4(), uuid4()
    await notify_learner(confirmed(learner, uuid4(), "e1"), uow, deps)
    await uow.contacts.forget(erased, NOW)

    assert await receive_contacts(contacts(learner, Channel.EMAIL), uow, deps, timedelta(0))
    assert not await receive_contacts(contacts(erased, Channel.EMAIL), uow, deps, HOUR)

    assert channels(uow, learner) == [("enrolment-confirmed", "in_app")]


async def test_the_stored_contacts_are_read_once_per_receipt(uow, deps):
    learner = uuid4()
    await receive_contacts(contacts(learner, Channel.IN_APP), uow, deps, HOUR)
    reads: list[UUID] = []
    read = uow.contacts.get

    async def counted(learner_id: UUID) -> LearnerContacts | None:
        reads.append(learner_id)
        return await read(learner_id)

    uow.contacts.get = counted

    assert await receive_contacts(contacts(learner, Channel.EMAIL, at=NOW + timedelta(1)), uow, deps, HOUR)

    assert reads == [learner]
