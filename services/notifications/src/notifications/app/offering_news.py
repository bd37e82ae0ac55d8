"""Use cases: keep who holds a place on which offering, and tell them when the offering changes or ends."""

from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.notify_learner import NotifyLearner, notify_learner
from notifications.app.ports import UnitOfWork


async def place_held(enrolment_id: UUID, learner_id: UUID, offering_id: UUID, uow: UnitOfWork) -> None:
    """The learner holds a place on the offering (confirmed, or promoted from the waiting list)."""
    async with uow:
        await uow.places.hold(enrolment_id, learner_id, offering_id)


async def record_interest(learner_id: UUID, offering_id: UUID, uow: UnitOfWork) -> None:
    """The learner asked for a place on the offering: a campaign may reach them by its course's theme."""
    async with uow:
        await uow.places.interested(learner_id, offering_id)


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
        told = 0
        for learner in await uow.places.holders(offering_id):
            told += await notify_learner(NotifyLearner(learner, kind, source, variables), uow, deps)
        return told
