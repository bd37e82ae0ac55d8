"""Use cases: a learner's channel opt-outs, read and set by them, or set by a one-click unsubscribe link."""

from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.outside_ports import UnsubscribeLinks
from notifications.app.ports import UnitOfWork
from notifications.domain.contacts import Channel
from notifications.domain.preferences import QuietHours


async def opted_out(learner_id: UUID, uow: UnitOfWork) -> frozenset[Channel]:
    """The channels the learner opted out of."""
    async with uow:
        return await uow.opt_outs.of(learner_id)


async def set_opt_outs(
    learner_id: UUID, channels: frozenset[Channel], uow: UnitOfWork, deps: Dependencies
) -> None:
    """Make `channels` the learner's opt-outs; honoured by the very next send (checked at send time)."""
    async with uow:
        await uow.opt_outs.replace(learner_id, channels, deps.clock.now())


async def own_quiet_hours(learner_id: UUID, uow: UnitOfWork) -> QuietHours | None:
    """The learner's own quiet hours, or None (the city's default applies)."""
    async with uow:
        return await uow.quiet_hours.of(learner_id)


async def set_quiet_hours(learner_id: UUID, hours: QuietHours | None, uow: UnitOfWork) -> None:
    """Make `hours` the learner's quiet hours (None: the default); honoured from the next send on."""
    async with uow:
        await uow.quiet_hours.set(learner_id, hours)


async def unsubscribe(token: str, links: UnsubscribeLinks, uow: UnitOfWork, deps: Dependencies) -> Channel:
    """Opt out of the channel the signed link names; the channel. `LinkRefused` if forged or expired."""
    learner_id, channel = links.read(token)
    async with uow:
        await uow.opt_outs.add(learner_id, channel, deps.clock.now())
    return channel
