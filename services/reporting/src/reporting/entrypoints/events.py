"""Event subscribers of the reporting service: batch projections."""

from contracts.event import EventModel
from contracts.rights import narrowest_clearance
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from reporting.app.ports import UnitOfWork
from reporting.app.project_learners import project_batch
from reporting.entrypoints.event_commands import CONSUMED, to_batch


def consumers(_: Dependencies) -> list[EventConsumer]:
    """Reporting projects enrolments, learner dimensions and city systems' reported activity, a polled
    batch per transaction."""
    # Each projection is order-free: counts add up, newer dimensions win by their time, erasure is final
    # and facts are joined only when read (activity facts are keyed by what they report); so
    # independent: a redriven event lands right whenever it comes.
    consumer = EventConsumer("reporting", narrowest_clearance(*CONSUMED), ordering="independent")

    @consumer.on_batch(*CONSUMED, with_ids=True)  # facts keep the id of their event (drill-down)
    async def on_events(events: list[tuple[str, EventModel]], uow: UnitOfWork) -> None:
        await project_batch(to_batch(events), uow)

    return [consumer]
