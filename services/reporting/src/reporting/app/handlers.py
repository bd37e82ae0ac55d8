"""Use cases of reporting: count confirmed enrolments, publish enrolment statistics."""

from collections import Counter
from dataclasses import dataclass

from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1

from reporting.adapters.uow import ReportingUnitOfWork
from reporting.domain.disclosure import Cell, publishable, suppress_small_cells


@dataclass(frozen=True)
class EnrolmentStatistics:
    """The city-wide total and the per-course cells, both after small-cell suppression."""

    total: int | None
    by_course: list[Cell]


async def count_enrolments(events: list[EnrolmentConfirmedV1], uow: ReportingUnitOfWork) -> None:
    """Add a batch of confirmations to the per-course counts (inside the consumer's transaction)."""
    per_course = Counter(str(e.course_id) for e in events)
    await uow.enrolment_counts.add(per_course)


async def enrolment_statistics(uow: ReportingUnitOfWork) -> EnrolmentStatistics:
    """Counts for publication."""
    async with uow:
        counts = await uow.enrolment_counts.all()
    return EnrolmentStatistics(publishable(sum(counts.values())), suppress_small_cells(counts))
