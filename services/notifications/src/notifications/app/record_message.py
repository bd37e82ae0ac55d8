"""Use case: record a message for a learner, with one delivery per channel to send after the commit."""

from collections.abc import Sequence
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.message import Message

# Before any contacts are known only the inbox can be used: the other channels need an address and consent.
_WITHOUT_CONTACTS = (Channel.IN_APP,)


async def record_message(
    message: Message, uow: UnitOfWork, deps: Dependencies, only: tuple[Channel, ...] | None = None
) -> bool:
    """Record the message and its deliveries (on `only` these channels, if given) once; False when this
    event already did (nothing added)."""
    async with uow:
        await uow.contacts.hold(message.learner_id)  # contacts arriving meanwhile see this message
        if not await uow.messages.add(message):
            return False
        for channel in await _channels(message.learner_id, uow):
            if only is not None and channel not in only:
                continue
            await uow.deliveries.add(pending_delivery(message, channel, deps))
        return True


async def record_messages(messages: Sequence[Message], uow: UnitOfWork, deps: Dependencies) -> int:
    """`record_message` for many messages in one transaction and a fixed handful of statements (a
    statement per message and step made the consumer fall behind its events); how many were new."""
    async with uow:
        await uow.contacts.hold_all(m.learner_id for m in messages)
        added = await uow.messages.add_all(messages)
        new = [m for m in messages if m.id in added]
        contacts = await uow.contacts.of_all(m.learner_id for m in new)
        channels = [(m, c) for m in new for c in _usable(contacts.get(m.learner_id))]
        await uow.deliveries.add_all([pending_delivery(m, c, deps) for m, c in channels])
        return len(new)


async def _channels(learner_id: UUID, uow: UnitOfWork) -> tuple[Channel, ...]:
    return _usable(await uow.contacts.get(learner_id))


def _usable(contacts: LearnerContacts | None) -> tuple[Channel, ...]:
    if contacts is None:
        return _WITHOUT_CONTACTS
    return tuple(c for c in Channel if contacts.may_use(c))


def pending_delivery(message: Message, channel: Channel, deps: Dependencies) -> Delivery:
    """A new delivery of the message on the channel, due now."""
    now = deps.clock.now()
    return Delivery(
        deps.ids.new_id(),
        message.id,
        message.learner_id,
        channel,
        message.template,
        DeliveryStatus.PENDING,
        0,
        now,
    )
