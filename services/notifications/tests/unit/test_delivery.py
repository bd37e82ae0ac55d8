"""Delivery rules: what goes out on which channel, retries with capped backoff, final outcomes announced."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery, DeliveryStatus, RetryPolicy, Undeliverable, outgoing
from notifications.domain.message import Message

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
POLICY = RetryPolicy(3, timedelta(seconds=5), timedelta(seconds=8))


def delivery(channel: Channel = Channel.EMAIL, attempts: int = 1) -> Delivery:
    return Delivery(
        uuid4(), uuid4(), uuid4(), channel, "enrolment-confirmed", DeliveryStatus.PENDING, attempts, NOW
    )


def contacts(
    language: str = "vi", consent=(Channel.EMAIL, Channel.SMS), phone="0912345678"
) -> LearnerContacts:
    return LearnerContacts(uuid4(), "an@example.vn", phone, language, frozenset(consent), NOW)


MESSAGE = Message(uuid4(), uuid4(), "enrolment-confirmed", "Xin chào", "Hello", NOW, "e1")


def test_a_transient_failure_waits_with_doubling_backoff_capped():
    first = delivery(attempts=1).failed("smtp-421", True, NOW, POLICY)
    second = delivery(attempts=2).failed("smtp-421", True, NOW, POLICY)

    assert first.status is DeliveryStatus.PENDING and first.next_attempt_at == NOW + timedelta(seconds=5)
    assert second.next_attempt_at == NOW + timedelta(seconds=8)  # 10 s capped at 8
    assert first.events == [] and first.reason == "smtp-421"


def test_a_transient_failure_on_the_last_attempt_is_final_and_announced():
    ended = delivery(attempts=3).failed("smtp-unreachable", True, NOW, POLICY)

    assert ended.status is DeliveryStatus.FAILED
    [event] = ended.events
    assert (event.status, event.reason, event.attempts) == (DeliveryStatus.FAILED, "smtp-unreachable", 3)


def test_a_permanent_failure_is_final_at_once():
    assert delivery(attempts=1).failed("smtp-550", False, NOW, POLICY).status is DeliveryStatus.FAILED


def test_a_sent_delivery_announces_it_without_a_reason():
    [event] = delivery().sent(NOW).events
    assert (event.status, event.reason, event.at) == (DeliveryStatus.SENT, None, NOW)


def test_the_message_goes_out_in_the_learners_language_to_a_normalised_number():
    item = outgoing(delivery(Channel.SMS), MESSAGE, contacts("en"))

    assert (item.address, item.body, item.subject) == ("+84912345678", "Hello", "Hanoi Learning City")


@pytest.mark.parametrize(
    ("channel", "known", "code"),
    [
        (Channel.EMAIL, None, "no-contacts"),
        (Channel.EMAIL, contacts(consent=(Channel.SMS,)), "no-consent"),
        (Channel.SMS, contacts(phone="12345"), "invalid-address"),
    ],
)
def test_undeliverable_messages_say_why_with_a_code(channel, known, code):
    with pytest.raises(Undeliverable) as refused:
        outgoing(delivery(channel), MESSAGE, known)
    assert refused.value.code == code


def test_the_inbox_gets_the_message_before_any_contacts_are_known():
    item = outgoing(delivery(Channel.IN_APP), MESSAGE, None)

    assert (item.address, item.body, item.subject) == (
        str(MESSAGE.learner_id),
        "Xin chào",
        "Thành phố học tập Hà Nội",
    )
