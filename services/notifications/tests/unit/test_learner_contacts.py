"""Keeping and forgetting learners' contacts on in-memory fakes: newest wins, erasure is final."""

from datetime import timedelta
from uuid import uuid4

from notifications.app.learner_contacts import contacts_of, forget_learner, record_contacts
from notifications.app.notify_learner import notify_learner
from notifications.app.read_messages import messages_for
from notifications.domain.contacts import Channel, LearnerContacts

from .conftest import NOW
from .test_use_cases import confirmed


def contacts(learner_id, email="an@example.vn", at=NOW, consent=frozenset({Channel.EMAIL})):
    return LearnerContacts(learner_id, email, None, "vi", consent, at)


async def test_contacts_are_kept_and_replaced_by_newer_ones(uow):
    learner = uuid4()

    assert await record_contacts(contacts(learner), uow)
    assert await record_contacts(contacts(learner, "new@example.vn", NOW + timedelta(1)), uow)

    assert (await contacts_of(learner, uow)).email == "new@example.vn"


async def test_an_older_record_does_not_replace_newer_contacts(uow):
    learner = uuid4()
    await record_contacts(contacts(learner, "new@example.vn", NOW), uow)

    assert not await record_contacts(contacts(learner, "old@example.vn", NOW - timedelta(1)), uow)

    assert (await contacts_of(learner, uow)).email == "new@example.vn"


async def test_erasure_forgets_contacts_and_messages_and_is_final(uow, deps):
    learner, other = uuid4(), uuid4()
    await record_contacts(contacts(learner), uow)
    await record_contacts(contacts(other), uow)
    await notify_learner(confirmed(learner, uuid4(), "e1"), uow, deps)

    await forget_learner(learner, NOW, uow)

    assert await contacts_of(learner, uow) is None and await messages_for(learner, uow, 10) == []
    assert not await record_contacts(contacts(learner, at=NOW + timedelta(1)), uow)
    assert await contacts_of(learner, uow) is None and await contacts_of(other, uow) is not None


def test_a_channel_is_usable_only_with_consent_and_an_address():
    learner = uuid4()
    email_only = contacts(learner, consent=frozenset({Channel.EMAIL, Channel.SMS}))

    assert email_only.may_use(Channel.EMAIL)
    assert not email_only.may_use(Channel.SMS)  # consented, but no phone number
    assert not email_only.may_use(Channel.IN_APP)  # no consent
