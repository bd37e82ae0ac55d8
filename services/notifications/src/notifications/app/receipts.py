"""Use cases: a channel's receipt (delivered, opened), and the learner opening a message in the inbox."""

from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.domain.contacts import Channel
from notifications.domain.delivery import DeliveryStatus
from notifications.domain.receipts import ReceiptRefused, ReceiptTooEarly, acknowledge


async def record_receipt(
    delivery_id: UUID, channel: Channel, status: DeliveryStatus, uow: UnitOfWork, deps: Dependencies
) -> bool:
    """Move the delivery on to `status` and announce it; False when nothing changed (repeated or late
    receipt). `ReceiptRefused` when the channel has no such delivery, `ReceiptTooEarly` before it is sent."""
    async with uow:
        delivery = await uow.deliveries.get(delivery_id)
        if delivery is None or delivery.channel is not channel:
            raise ReceiptRefused("no delivery of this channel has that reference")
        later = acknowledge(delivery, status, deps.clock.now())
        if later is not None:
            await uow.deliveries.save(later)
        return later is not None


async def read_in_inbox(learner_id: UUID, message_id: UUID, uow: UnitOfWork, deps: Dependencies) -> bool:
    """Mark the learner's own message read, and its in-app delivery opened (announced once); False if
    they have no such message. A message read before its in-app delivery was recorded sent is not counted."""
    async with uow:
        if not await uow.messages.mark_read(learner_id, message_id, deps.clock.now()):
            return False
        delivery = await uow.deliveries.of_message(message_id, Channel.IN_APP)
        if delivery is None:
            return True
        try:
            later = acknowledge(delivery, DeliveryStatus.OPENED, deps.clock.now())
        except ReceiptTooEarly:
            return True
        if later is not None:
            await uow.deliveries.save(later)
        return True
