"""Use case: enrolment statistics for publication, small cells suppressed."""

from dataclasses import dataclass

from reporting.app.ports import UnitOfWork
from reporting.domain.disclosure import Cell, suppress_one_way


@dataclass(frozen=True)
class EnrolmentStatistics:
    """The city-wide total and the per-course cells, both after small-cell suppression."""

    total: int | None
    by_course: list[Cell]


async def enrolment_statistics(uow: UnitOfWork) -> EnrolmentStatistics:
    """Counts for publication: the total is withheld when it would reveal a suppressed cell."""
    async with uow:
        counts = await uow.enrolment_counts.all()
    table = suppress_one_way(counts)
    return EnrolmentStatistics(table.total, table.cells)
