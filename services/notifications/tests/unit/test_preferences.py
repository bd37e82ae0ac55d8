"""Preferences: opt-outs win at send time, quiet hours in Hanoi hold non-urgent messages, signed links."""

from datetime import UTC, datetime, time, timedelta
from uuid import uuid4

import pytest
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.adapters.unsubscribe_links import SignedUnsubscribeLinks
from notifications.app.deliver import Sending, deliver_due
from notifications.app.notify_learner import notify_learner
from notifications.app.preferences import set_opt_outs, set_quiet_hours, unsubscribe
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import DeliveryStatus, RetryPolicy
from notifications.domain.preferences import LinkExpired, LinkRefused, QuietHours, holds

from .test_use_cases import NOW, QUIET, RecordingChannel, confirmed

HANOI_2130 = datetime(2026, 9, 1, 14, 30, tzinfo=UTC)  # 21:30 in Hanoi (UTC+7)
LINKS = SignedUnsubscribeLinks("k" * 32, "https://notify.example", 3600)


@pytest.mark.parametrize(
    ("utc", "until"),
    [
        (HANOI_2130, datetime(2026, 9, 2, 0, 0, tzinfo=UTC)),  # waits for 07:00 Hanoi next day
        (datetime(2026, 9, 1, 22, 0, tzinfo=UTC), datetime(2026, 9, 2, 0, 0, tzinfo=UTC)),  # 05:00 Hanoi
        (datetime(2026, 9, 1, 0, 0, tzinfo=UTC), None),  # 07:00 Hanoi: quiet is over
        (datetime(2026, 9, 1, 13, 59, tzinfo=UTC), None),  # 20:59 Hanoi
    ],
)
def test_quiet_hours_are_hanoi_time_and_span_midnight(utc, until):
    assert QUIET.wait_until(utc) == until


def test_urgent_kinds_and_the_inbox_are_never_held():
    assert holds("offering-cancelled", Channel.SMS, QUIET, HANOI_2130) is None
    assert holds("enrolment-confirmed", Channel.IN_APP, QUIET, HANOI_2130) is None
    assert holds("enrolment-confirmed", Channel.SMS, QUIET, HANOI_2130) is not None


def test_a_daytime_quiet_period_works_too():
    assert QuietHours(time(12), time(13)).wait_until(datetime(2026, 9, 1, 5, 30, tzinfo=UTC)) is not None


def sending(email, links=None) -> Sending:
    policy = RetryPolicy(3, timedelta(seconds=5), timedelta(minutes=1))
    return Sending(
        {Channel.EMAIL: email}, policy, 10, timedelta(minutes=2), SandboxedTemplates(), QUIET, links
    )


async def recorded(uow, deps) -> None:
    learner = uuid4()
    contacts = LearnerContacts(learner, "an@example.vn", None, "vi", frozenset({Channel.EMAIL}), NOW)
    async with uow:
        await uow.contacts.save(contacts)
    await notify_learner(confirmed(learner, uuid4(), "evt-1"), uow, deps)
    return learner


async def test_an_opt_out_made_here_stops_the_next_send(uow, deps):
    email = RecordingChannel()
    learner = await recorded(uow, deps)
    await set_opt_outs(learner, frozenset({Channel.EMAIL}), uow, deps)

    await deliver_due(lambda: uow, sending(email), deps)

    [delivery] = uow.deliveries.items.values()
    assert (delivery.status, delivery.reason, email.sent) == (DeliveryStatus.FAILED, "opted-out", [])


async def test_in_quiet_hours_a_message_waits_without_using_an_attempt(uow, deps):
    email = RecordingChannel()
    await recorded(uow, deps)
    deps.clock.advance(HANOI_2130 - NOW)

    await deliver_due(lambda: uow, sending(email), deps)
    [waiting] = uow.deliveries.items.values()
    assert (waiting.status, waiting.attempts, email.sent) == (DeliveryStatus.PENDING, 0, [])
    deps.clock.advance(timedelta(hours=9, minutes=30))  # 07:00 Hanoi
    await deliver_due(lambda: uow, sending(email), deps)

    assert len(email.sent) == 1


async def test_a_learner_s_own_quiet_hours_replace_the_default_for_them(uow, deps):
    email = RecordingChannel()
    learner = await recorded(uow, deps)
    await set_quiet_hours(learner, QuietHours(time(8), time(10)), uow)  # NOW is 08:30 in Hanoi

    await deliver_due(lambda: uow, sending(email), deps)

    [waiting] = uow.deliveries.items.values()
    assert (waiting.status, email.sent) == (DeliveryStatus.PENDING, [])
    assert waiting.next_attempt_at == datetime(2026, 9, 1, 3, 0, tzinfo=UTC)  # 10:00 Hanoi


async def test_the_mail_carries_a_signed_link_that_unsubscribes_its_channel(uow, deps):
    email = RecordingChannel()
    learner = await recorded(uow, deps)

    await deliver_due(lambda: uow, sending(email, LINKS), deps)
    [item] = email.sent
    token = item.unsubscribe_url.split("token=")[1]

    assert await unsubscribe(token, LINKS, uow, deps) is Channel.EMAIL
    assert await uow.opt_outs.of(learner) == {Channel.EMAIL}


def test_a_forged_or_altered_token_is_refused_and_an_expired_one_says_so():
    token = LINKS.link(uuid4(), Channel.SMS).split("token=")[1]
    with pytest.raises(LinkRefused) as forged:
        SignedUnsubscribeLinks("x" * 32, "https://notify.example", 3600).read(token)
    assert forged.value.status == 400
    with pytest.raises(LinkRefused):
        LINKS.read(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    with pytest.raises(LinkExpired):
        SignedUnsubscribeLinks("k" * 32, "https://notify.example", -1).read(token)
