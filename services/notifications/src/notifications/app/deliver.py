"""Use case: send the due deliveries, after the commit that recorded them, and record each outcome."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from servicekit.ports import Dependencies

from notifications.app.ports import ChannelSender, SendFailed, TemplateEngine, UnitOfWork
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery, Outgoing, RetryPolicy, Undeliverable, outgoing
from notifications.domain.message import Message
from notifications.domain.templates import Template, TemplateRefused


@dataclass(frozen=True)
class Sending:
    """How the sender loop works: the channels, the retry policy, the batch size and the claim's lease."""

    channels: Mapping[Channel, ChannelSender]
    policy: RetryPolicy
    batch: int
    lease: timedelta
    engine: TemplateEngine


async def deliver_due(new_uow: Callable[[], UnitOfWork], sending: Sending, deps: Dependencies) -> int:
    """Claim a batch of due deliveries (committed), send each, record its outcome; how many were claimed.

    No transaction is open while a channel is awaited. A crash between the send and the record leaves the
    delivery leased, so it is sent again after the lease: at least once, deduplicated by the channel's key.
    """
    async with new_uow() as uow:
        claimed = await uow.deliveries.claim_due(deps.clock.now(), sending.batch, sending.lease)
    for delivery in claimed:
        ended = await _attempt(delivery, new_uow, sending, deps)
        async with new_uow() as uow:
            await uow.deliveries.save(ended)
    return len(claimed)


async def _attempt(
    delivery: Delivery, new_uow: Callable[[], UnitOfWork], sending: Sending, deps: Dependencies
) -> Delivery:
    try:
        item = await _prepare(delivery, new_uow, sending)
        channel = sending.channels.get(delivery.channel)
        if channel is None:  # a channel this deployment has not set up
            raise Undeliverable("channel-unavailable")
        await channel.send(item)
    except Undeliverable as refused:
        return delivery.failed(refused.code, False, deps.clock.now(), sending.policy)
    except SendFailed as failed:
        return delivery.failed(failed.code, failed.transient, deps.clock.now(), sending.policy)
    return delivery.sent(deps.clock.now())


async def _prepare(delivery: Delivery, new_uow: Callable[[], UnitOfWork], sending: Sending) -> Outgoing:
    """What to send, read at send time: the message, the contacts as they are now, the channel's template."""
    async with new_uow() as uow:
        message = await uow.messages.get(delivery.message_id)
        contacts = await uow.contacts.get(delivery.learner_id)
        template = await _template(delivery, contacts, uow)
    if message is None:  # erased since
        raise Undeliverable("message-gone")
    try:
        rendered = None if template is None else _render(template, message, sending.engine)
    except TemplateRefused:
        raise Undeliverable("template-error") from None
    return outgoing(delivery, message, contacts, rendered)


async def _template(delivery: Delivery, contacts: LearnerContacts | None, uow: UnitOfWork) -> Template | None:
    language = contacts.language if contacts is not None else "vi"
    return await uow.templates.latest(delivery.kind, delivery.channel, language)


def _render(template: Template, message: Message, engine: TemplateEngine) -> tuple[str, str]:
    values = message.variables
    return engine.render(template.subject, values, "subject"), engine.render(template.body, values, "body")
