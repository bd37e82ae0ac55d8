"""Notifications' use cases on in-memory fakes."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from notifications.app.confirm_enrolment import ConfirmEnrolment, confirm_enrolment
from notifications.app.read_messages import messages_for

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # the fixed clock of conftest


async def test_a_confirmation_records_one_bilingual_message_with_injected_id_and_time(uow, deps):
    learner, course = uuid4(), uuid4()

    await confirm_enrolment(ConfirmEnrolment(learner, course, "evt-1"), uow, deps)

    [message] = uow.messages.items.values()
    assert (message.id, message.created_at, message.learner_id) == (UUID(int=1), NOW, learner)
    assert str(course) in message.body_vi and str(course) in message.body_en
    assert message.source_event_id == "evt-1"


async def test_a_learner_reads_only_their_messages_newest_first(uow, deps):
    me, other = uuid4(), uuid4()
    await confirm_enrolment(ConfirmEnrolment(me, uuid4(), "evt-1"), uow, deps)
    deps.clock.advance(timedelta(seconds=5))
    await confirm_enrolment(ConfirmEnrolment(other, uuid4(), "evt-2"), uow, deps)
    deps.clock.advance(timedelta(seconds=5))
    await confirm_enrolment(ConfirmEnrolment(me, uuid4(), "evt-3"), uow, deps)

    assert [m.source_event_id for m in await messages_for(me, uow, 10)] == ["evt-3", "evt-1"]
    assert [m.source_event_id for m in await messages_for(me, uow, 1, 1)] == ["evt-1"]
