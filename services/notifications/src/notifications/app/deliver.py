"""Use case: send the due deliveries, after the commit that recorded them, and record each outcome."""

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from servicekit.ports import Dependencies

from notifications.app.outside_ports import ChannelSender, SendFailed, TemplateEngine, UnsubscribeLinks
from notifications.app.ports import UnitOfWork
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery, Outgoing, RetryPolicy, Undeliverable, outgoing
from notifications.domain.message import Message
from notifications.domain.preferences import QuietHours, holds
from notifications.domain.templates import Template, TemplateRefused

CAMPAIGN_KIND = "campaign"


@dataclass(frozen=True)
class Sending:
    """How the sender loop works: the channels, the retry policy, the batch size and the claim's lease."""

    channels: Mapping[Channel, ChannelSender]
    policy: RetryPolicy
    batch: int
    lease: timedelta
    engine: TemplateEngine
    quiet: QuietHours
    links: UnsubscribeLinks | None = None  # None: this deployment has no public unsubscribe endpoint
    concurrency: int = 1  # deliveries of a batch in flight at once (SMTP and HTTP wait mostly on the network)


class _Deferred(Exception):
    def __init__(self, until: datetime) -> None:
        self.until = until


async def deliver_due(new_uow: Callable[[], UnitOfWork], sending: Sending, deps: Dependencies) -> int:
    """Claim a batch of due deliveries (committed), send each, record its outcome; how many were claimed.

    No transaction is open while a channel is awaited. A crash between the send and the record leaves the
    delivery leased, so it is sent again after the lease: at least once, deduplicated by the channel's key.
    """
    async with new_uow() as uow:
        claimed = await uow.deliveries.claim_due(deps.clock.now(), sending.batch, sending.lease)
    gate = asyncio.Semaphore(sending.concurrency)

    async def send_and_record(delivery: Delivery) -> None:
        async with gate:
            ended = await _attempt(delivery, new_uow, sending, deps)
            async with new_uow() as uow:
                await uow.deliveries.save(ended)

    outcomes = await asyncio.gather(*(send_and_record(d) for d in claimed), return_exceptions=True)
    if failed := next((o for o in outcomes if isinstance(o, BaseException)), None):
        raise failed  # the others were recorded; an unrecorded one is due again after its lease
    return len(claimed)


async def _attempt(
    delivery: Delivery, new_uow: Callable[[], UnitOfWork], sending: Sending, deps: Dependencies
) -> Delivery:
    try:
        item = await _prepare(delivery, new_uow, sending, deps.clock.now())
        channel = sending.channels.get(delivery.channel)
        if channel is None:  # a channel this deployment has not set up
            raise Undeliverable("channel-unavailable")
        await channel.send(item)
    except _Deferred as quiet:
        return delivery.deferred(quiet.until)
    except Undeliverable as refused:
        return delivery.failed(refused.code, False, deps.clock.now(), sending.policy)
    except SendFailed as failed:
        return delivery.failed(failed.code, failed.transient, deps.clock.now(), sending.policy)
    return delivery.sent(deps.clock.now())


async def _prepare(
    delivery: Delivery, new_uow: Callable[[], UnitOfWork], sending: Sending, now: datetime
) -> Outgoing:
    """What to send, read at send time: the message, the contacts and opt-outs as they are now, the
    channel's template. Opt-outs win at once; quiet hours hold a non-urgent message back."""
    async with new_uow() as uow:
        message = await uow.messages.get(delivery.message_id)
        contacts = await uow.contacts.get(delivery.learner_id)
        opted_out = delivery.channel in await uow.opt_outs.of(delivery.learner_id)
        template = await _template(delivery, contacts, uow)
        quiet = await uow.quiet_hours.of(delivery.learner_id) or sending.quiet  # the learner's own first
    if message is None or opted_out:  # erased since, or the learner said no more on this channel
        raise Undeliverable("message-gone" if message is None else "opted-out")
    if message.template == CAMPAIGN_KIND:
        template = _campaign_template(message, contacts)
    if (until := holds(delivery.kind, delivery.channel, quiet, now)) is not None:
        raise _Deferred(until)
    link = None if sending.links is None else sending.links.link(delivery.learner_id, delivery.channel)
    try:
        rendered = None if template is None else _render(template, message, link, sending.engine)
    except TemplateRefused:
        raise Undeliverable("template-error") from None
    return replace(outgoing(delivery, message, contacts, rendered), unsubscribe_url=link)


async def _template(delivery: Delivery, contacts: LearnerContacts | None, uow: UnitOfWork) -> Template | None:
    language = contacts.language if contacts is not None else "vi"
    return await uow.templates.latest(delivery.kind, delivery.channel, language)


def _campaign_template(message: Message, contacts: LearnerContacts | None) -> Template:
    """A campaign's own text is its template (checked when the campaign was made)."""
    language = contacts.language if contacts is not None else "vi"
    body = message.body_en if language == "en" else message.body_vi
    subject = message.variables.get("subject", "")
    return Template(message.template, Channel.EMAIL, language, 0, subject, body, message.created_at)


def _render(
    template: Template, message: Message, link: str | None, engine: TemplateEngine
) -> tuple[str, str]:
    values = {**message.variables, "unsubscribe_url": link or ""}
    return engine.render(template.subject, values, "subject"), engine.render(template.body, values, "body")
