"""Notifications' use cases on in-memory fakes: recording once, sending after the commit, the inbox."""

from datetime import UTC, datetime, time, timedelta
from uuid import UUID, uuid4

from notifications.adapters.template_engine import SandboxedTemplates
from notifications.app.deliver import Sending, deliver_due
from notifications.app.notify_learner import NotifyLearner, notify_learner
from notifications.app.outside_ports import SendFailed
from notifications.app.read_messages import mark_read, messages_for, unread_count
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import DeliveryStatus, Outgoing, RetryPolicy
from notifications.domain.preferences import QuietHours

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # the fixed clock of conftest: 08:30 in Hanoi
QUIET = QuietHours(time(21), time(7))


def confirmed(learner: UUID, course: UUID, source: str) -> NotifyLearner:
    """The command enrolment.confirmed.v2 makes (entrypoints/enrolment_triggers.py)."""
    return NotifyLearner(learner, "enrolment-confirmed", source, {"course_id": str(course)})


class RecordingChannel:
    def __init__(self, failure: SendFailed | None = None) -> None:
        self.sent: list[Outgoing] = []
        self.failure = failure

    async def send(self, item: Outgoing) -> None:
        if self.failure:
            raise self.failure
        self.sent.append(item)


def sending(**channels: RecordingChannel) -> Sending:
    policy = RetryPolicy(3, timedelta(seconds=5), timedelta(minutes=1))
    found = {Channel(k): v for k, v in channels.items()}
    return Sending(found, policy, 10, timedelta(minutes=2), SandboxedTemplates(), QUIET)


async def known(uow, learner: UUID, *consent: Channel, language: str = "vi") -> None:
    contacts = LearnerContacts(learner, "an@example.vn", "0912345678", language, frozenset(consent), NOW)
    async with uow:
        await uow.contacts.save(contacts)


async def test_a_confirmation_records_one_bilingual_message_with_injected_id_and_time(uow, deps):
    learner, course = uuid4(), uuid4()

    await notify_learner(confirmed(learner, course, "evt-1"), uow, deps)

    [message] = uow.messages.items.values()
    assert (message.id, message.created_at, message.learner_id) == (UUID(int=1), NOW, learner)
    assert str(course) in message.body_vi and str(course) in message.body_en
    assert message.source_event_id == "evt-1"


async def test_one_delivery_per_consented_channel_and_a_repeated_event_adds_nothing(uow, deps):
    learner = uuid4()
    await known(uow, learner, Channel.EMAIL, Channel.IN_APP)

    for _ in range(2):
        await notify_learner(confirmed(learner, uuid4(), "evt-1"), uow, deps)

    assert len(uow.messages.items) == 1
    assert sorted(d.channel for d in uow.deliveries.items.values()) == [Channel.EMAIL, Channel.IN_APP]


async def test_without_known_contacts_only_the_inbox_is_used(uow, deps):
    await notify_learner(confirmed(uuid4(), uuid4(), "evt-1"), uow, deps)

    assert [d.channel for d in uow.deliveries.items.values()] == [Channel.IN_APP]


async def test_due_deliveries_are_sent_in_the_learners_language_and_announced(uow, deps):
    learner, email = uuid4(), RecordingChannel()
    await known(uow, learner, Channel.EMAIL, language="en")
    await notify_learner(confirmed(learner, uuid4(), "evt-1"), uow, deps)

    assert await deliver_due(lambda: uow, sending(email=email), deps) == 1

    [item] = email.sent
    assert (item.address, item.body.startswith("Your place")) == ("an@example.vn", True)
    [event] = uow.published
    assert (event.status, event.channel, event.attempts) == (DeliveryStatus.SENT, Channel.EMAIL, 1)
    assert await deliver_due(lambda: uow, sending(email=email), deps) == 0  # nothing is sent twice


async def test_an_opt_out_after_recording_is_honoured_at_send_time(uow, deps):
    learner, email = uuid4(), RecordingChannel()
    await known(uow, learner, Channel.EMAIL)
    await notify_learner(confirmed(learner, uuid4(), "evt-1"), uow, deps)
    await known(uow, learner)  # consent withdrawn before the sender loop came round

    await deliver_due(lambda: uow, sending(email=email), deps)

    assert email.sent == []
    [delivery] = uow.deliveries.items.values()
    assert (delivery.status, delivery.reason) == (DeliveryStatus.FAILED, "no-consent")


async def test_a_transient_failure_is_retried_after_a_backoff_then_sent(uow, deps):
    learner, email = uuid4(), RecordingChannel(SendFailed("smtp-unreachable", transient=True))
    await known(uow, learner, Channel.EMAIL)
    await notify_learner(confirmed(learner, uuid4(), "evt-1"), uow, deps)

    await deliver_due(lambda: uow, sending(email=email), deps)
    email.failure = None
    assert await deliver_due(lambda: uow, sending(email=email), deps) == 0  # not due yet
    deps.clock.advance(timedelta(seconds=5))
    await deliver_due(lambda: uow, sending(email=email), deps)

    [delivery] = uow.deliveries.items.values()
    assert (delivery.status, delivery.attempts, len(email.sent)) == (DeliveryStatus.SENT, 2, 1)


async def test_a_channel_this_deployment_lacks_fails_the_delivery_with_a_reason(uow, deps):
    learner = uuid4()
    await known(uow, learner, Channel.SMS)
    await notify_learner(confirmed(learner, uuid4(), "evt-1"), uow, deps)

    await deliver_due(lambda: uow, sending(), deps)

    [delivery] = uow.deliveries.items.values()
    assert (delivery.status, delivery.reason) == (DeliveryStatus.FAILED, "channel-unavailable")


async def test_the_inbox_pages_newest_first_counts_unread_and_marks_read(uow, deps):
    me, other = uuid4(), uuid4()
    for n, learner in enumerate((me, other, me)):
        await notify_learner(confirmed(learner, uuid4(), f"evt-{n}"), uow, deps)
        deps.clock.advance(timedelta(seconds=5))

    first = await messages_for(me, uow, 1)
    second = await messages_for(me, uow, 1, (first[0].created_at, first[0].id))
    assert [m.source_event_id for m in first + second] == ["evt-2", "evt-0"]
    assert await mark_read(me, first[0].id, uow, deps) and not await mark_read(other, first[0].id, uow, deps)
    assert await unread_count(me, uow) == 1
