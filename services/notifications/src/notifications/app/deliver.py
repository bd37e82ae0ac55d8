"""Use case: send the due deliveries, after the commit that recorded them, and record their outcomes."""

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from servicekit.ports import Dependencies

from notifications.app.delivery_ports import SendContext
from notifications.app.outside_ports import (
    ChannelSender,
    Closable,
    SendFailed,
    TemplateEngine,
    UnsubscribeLinks,
)
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

    async def close(self) -> None:
        """Close the channels that keep connections open (the sender loop's end)."""
        for channel in self.channels.values():
            if isinstance(channel, Closable):
                await channel.close()


class _Deferred(Exception):
    def __init__(self, until: datetime) -> None:
        self.until = until


async def deliver_due(new_uow: Callable[[], UnitOfWork], sending: Sending, deps: Dependencies) -> int:
    """Claim a batch of due deliveries and read what they need (one commit), send each, then record every
    outcome in one transaction; how many were claimed.

    No transaction is open while a channel is awaited. A crash between the sends and the record leaves the
    batch leased, so it is sent again after the lease: at least once, deduplicated by the channel's key.
    """
    async with new_uow() as uow:
        claimed = await uow.deliveries.claim_due(deps.clock.now(), sending.batch, sending.lease)
        contexts = await uow.send_contexts.of(claimed) if claimed else {}
    gate = asyncio.Semaphore(sending.concurrency)

    async def attempt(delivery: Delivery) -> Delivery:
        async with gate:
            return await _attempt(delivery, contexts.get(delivery.id, _NOTHING), sending, deps)

    outcomes = await asyncio.gather(*(attempt(d) for d in claimed), return_exceptions=True)
    if ended := [o for o in outcomes if isinstance(o, Delivery)]:
        async with new_uow() as uow:
            await uow.deliveries.save_all(ended)
    if failed := next((o for o in outcomes if isinstance(o, BaseException)), None):
        raise failed  # the others were recorded; an unrecorded one is due again after its lease
    return len(claimed)


_NOTHING = SendContext(None, None, False, None, None)  # reads as erased: never sent


async def _attempt(
    delivery: Delivery, context: SendContext, sending: Sending, deps: Dependencies
) -> Delivery:
    try:
        item = _prepare(delivery, context, sending, deps.clock.now())
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


def _prepare(delivery: Delivery, context: SendContext, sending: Sending, now: datetime) -> Outgoing:
    """What to send, from what was read with the claim: the message, the contacts and opt-outs as they are
    now, the channel's template. Opt-outs win; quiet hours hold a non-urgent message back."""
    message, contacts, template = context.message, context.contacts, context.template
    if message is None or context.opted_out:  # erased since, or the learner said no more on this channel
        raise Undeliverable("message-gone" if message is None else "opted-out")
    if message.template == CAMPAIGN_KIND:
        template = _campaign_template(message, contacts)
    quiet = context.quiet or sending.quiet  # the learner's own first
    if (until := holds(delivery.kind, delivery.channel, quiet, now)) is not None:
        raise _Deferred(until)
    link = None if sending.links is None else sending.links.link(delivery.learner_id, delivery.channel)
    try:
        rendered = None if template is None else _render(template, message, link, sending.engine)
    except TemplateRefused:
        raise Undeliverable("template-error") from None
    return replace(outgoing(delivery, message, contacts, rendered), unsubscribe_url=link)


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
