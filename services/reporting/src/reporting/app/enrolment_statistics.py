"""Use case: enrolment statistics for publication, small cells suppressed."""

from dataclasses import dataclass

from reporting.app.ports import UnitOfWork
from reporting.domain.disclosure import Cell, publishable, suppress_small_cells


@dataclass(frozen=True)
class EnrolmentStatistics:
    """The city-wide total and the per-course cells, both after small-cell suppression."""

    total: int | None
    by_course: list[Cell]


async def enrolment_statistics(uow: UnitOfWork) -> EnrolmentStatistics:
    """Counts for publication."""
    async with uow:
        counts = await uow.enrolment_counts.all()
    return EnrolmentStatistics(publishable(sum(counts.values())), suppress_small_cells(counts))
