"""Use case: send the due deliveries, after the commit that recorded them, and record each outcome."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from servicekit.ports import Dependencies

from notifications.app.ports import ChannelSender, SendFailed, UnitOfWork
from notifications.domain.contacts import Channel
from notifications.domain.delivery import Delivery, RetryPolicy, Undeliverable, outgoing


@dataclass(frozen=True)
class Sending:
    """How the sender loop works: the channels, the retry policy, the batch size and the claim's lease."""

    channels: Mapping[Channel, ChannelSender]
    policy: RetryPolicy
    batch: int
    lease: timedelta


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
    async with new_uow() as uow:
        message = await uow.messages.get(delivery.message_id)
        contacts = await uow.contacts.get(delivery.learner_id)
    try:
        channel = sending.channels.get(delivery.channel)
        if message is None or channel is None:  # erased since, or a channel this deployment has not set up
            raise Undeliverable("message-gone" if message is None else "channel-unavailable")
        await channel.send(outgoing(delivery, message, contacts))
    except Undeliverable as refused:
        return delivery.failed(refused.code, False, deps.clock.now(), sending.policy)
    except SendFailed as failed:
        return delivery.failed(failed.code, failed.transient, deps.clock.now(), sending.policy)
    return delivery.sent(deps.clock.now())
