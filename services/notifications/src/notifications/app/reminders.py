"""Use cases: keep content's offerings, and remind the learners holding a place the day before the start."""

from collections.abc import Callable

from servicekit.ports import Dependencies

from notifications.app.notify_learner import NotifyLearner, notify_learner
from notifications.app.ports import UnitOfWork
from notifications.domain.offering import REMINDER, Offering, reminder_dates, reminder_source


async def record_offering(offering: Offering, uow: UnitOfWork) -> None:
    """Store the offering as content announced it (an older revision arriving late changes nothing)."""
    async with uow:
        await uow.offerings.save(offering)


async def remind_once(new_uow: Callable[[], UnitOfWork], hour: int, deps: Dependencies) -> int | None:
    """Record the reminders of one due offering (one transaction); how many learners were told now, or
    None when no offering is due. Holders only: withdrawn, dropped or finished learners hold no place."""
    first, last = reminder_dates(deps.clock.now(), hour)
    async with new_uow() as uow:
        offering = await uow.offerings.claim_to_remind(first, last)
        if offering is None:
            return None
        values = {"course_id": str(offering.course_id), "starts_on": offering.starts_on.isoformat()}
        told = 0
        for learner in await uow.places.holders(offering.offering_id):
            command = NotifyLearner(learner, REMINDER, reminder_source(offering), values)
            told += await notify_learner(command, uow, deps)
        await uow.offerings.reminded(offering.offering_id, offering.starts_on)
        return told
