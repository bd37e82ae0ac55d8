"""Use case: contacts that arrive after a learner's recent messages add those messages' missing deliveries."""

from datetime import datetime, timedelta
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.fan_out import CAMPAIGN
from notifications.app.learner_contacts import store_contacts
from notifications.app.ports import UnitOfWork
from notifications.app.record_message import pending_delivery
from notifications.domain.contacts import Channel, LearnerContacts


async def receive_contacts(
    contacts: LearnerContacts, uow: UnitOfWork, deps: Dependencies, window: timedelta
) -> bool:
    """Store the contacts (see `store_contacts`); True if stored. Each channel they newly open (first
    contacts, or a channel newly consented) gets a delivery of every transactional message recorded for
    the learner within `window` before now: a confirmation handled just before the contacts still goes out
    by e-mail. Campaign messages are left alone (the campaign's audience and channels decide those). Once
    per (message, channel): a delivery already there is kept. Consent is the contacts'; opt-outs and quiet
    hours apply at send time, as for any delivery."""
    async with uow:
        await uow.contacts.hold(contacts.learner_id)  # a message being recorded meanwhile is seen
        known = await uow.contacts.get(contacts.learner_id)
        if not await store_contacts(contacts, known, uow):
            return False
        opened = contacts.newly_usable(known)
        if opened and window > timedelta(0):
            since = deps.clock.now() - window
            await _add_missing(contacts.learner_id, opened, since, uow, deps)
        return True


async def _add_missing(
    learner_id: UUID, channels: frozenset[Channel], since: datetime, uow: UnitOfWork, deps: Dependencies
) -> None:
    for message in await uow.messages.since(learner_id, since):
        if message.template == CAMPAIGN:
            continue
        for channel in sorted(channels):
            await uow.deliveries.add(pending_delivery(message, channel, deps))  # one per (message, channel)
