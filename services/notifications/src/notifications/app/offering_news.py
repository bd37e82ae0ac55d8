"""Use cases: keep who holds a place on which offering, and tell them when the offering changes or ends."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.notify_learner import NotifyLearner, notify_learner
from notifications.app.ports import UnitOfWork


async def place_held(enrolment_id: UUID, learner_id: UUID, offering_id: UUID, uow: UnitOfWork) -> None:
    """The learner holds a place on the offering (confirmed, or promoted from the waiting list)."""
    async with uow:
        await uow.places.hold(enrolment_id, learner_id, offering_id)


@dataclass(frozen=True)
class PlaceChange:
    """A place taken (`held`) or given up by an enrolment event."""

    enrolment_id: UUID
    learner_id: UUID
    offering_id: UUID
    held: bool


async def track_places(changes: Sequence[PlaceChange], uow: UnitOfWork) -> None:
    """`place_held` or `place_released` for each change in a few statements, ending as one after the other
    would: a place taken and given up in the same batch ends given up; who held one ever enrolled."""
    last = {c.enrolment_id: c for c in changes}
    held = {c.enrolment_id: c for c in changes if c.held}
    async with uow:
        await uow.places.hold_all([(c.enrolment_id, c.learner_id, c.offering_id) for c in held.values()])
        await uow.places.release_all([e for e, c in last.items() if not c.held])
        await uow.audience.enrolled_all(c.learner_id for c in held.values())


async def record_interests(pairs: Sequence[tuple[UUID, UUID]], uow: UnitOfWork) -> None:
    """Each learner asked for a place on the offering: a campaign may reach them by its course's theme."""
    async with uow:
        await uow.places.interested_all(pairs)


async def place_released(enrolment_id: UUID, uow: UnitOfWork) -> None:
    """The place is given up: later news of the offering is not for this learner."""
    async with uow:
        await uow.places.release(enrolment_id)


async def tell_holders(
    offering_id: UUID, kind: str, source: str, variables: dict[str, str], uow: UnitOfWork, deps: Dependencies
) -> int:
    """One message of `kind` to each holder, once per `source` (a revision, or the cancellation); how many
    learners were told now (a redelivered event tells none)."""
    async with uow:
        told, holders = 0, await uow.places.holders(offering_id)
        await uow.contacts.hold_all(holders)  # all at once, in the order no other holder of several deadlocks
        for learner in holders:
            told += await notify_learner(NotifyLearner(learner, kind, source, variables), uow, deps)
        return told
