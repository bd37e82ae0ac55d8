"""Use case: trace one published cell to the counts, the enrolments (event keys) and the events behind it."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, cast
from uuid import UUID

from reporting.app.enrolment_indicator import published_enrolments
from reporting.app.participation import (
    Breakdown,
    ParticipationQuery,
    PopulationSource,
    published_participation,
)
from reporting.app.ports import UnitOfWork
from reporting.domain.drill_down import CellUnknown, participant_filter, participation_key
from reporting.domain.enrolment_indicator import EnrolmentBreakdown
from reporting.domain.indicator_catalogue import ENROLMENTS, PARTICIPATION


@dataclass(frozen=True)
class CellQuery:
    """One cell of a published table, and the page of enrolment ids wanted."""

    indicator: str
    by: str
    group: str
    until: date
    after: UUID | None = None
    limit: int = 500


Rows = list[tuple[UUID, tuple[str, ...]]]


@dataclass(frozen=True)
class Traced:
    """A published cell, the counts recomputed now from the projections, a page of enrolment ids and the
    CloudEvents ids of their events."""

    since: date
    until: date
    published: dict[str, Any]
    counts: dict[str, int]
    enrolment_ids: list[UUID]
    more: bool
    event_ids: list[str]

    @classmethod
    def page(
        cls,
        period: tuple[date, date],
        published: dict[str, Any],
        counts: dict[str, int],
        rows: Rows,
        limit: int,
    ) -> "Traced":
        """The first `limit` of up to limit + 1 rows (one more tells there is a next page)."""
        shown = rows[:limit]
        events = [e for _, ids in shown for e in ids]
        return cls(*period, published, counts, [i for i, _ in shown], len(rows) > limit, events)


async def drill_down(
    query: CellQuery, uow: UnitOfWork, population: PopulationSource, now: datetime
) -> Traced:
    """The published snapshot's cell (published at this query if it was not yet) and what is behind it.

    Raises CellUnknown for an indicator or cell the table does not publish, and PeriodRefused as the
    indicators do.
    """
    async with uow:
        if query.indicator == PARTICIPATION.id and query.by in PARTICIPATION.breakdowns:
            return await _participation(query, uow, population, now)
        if query.indicator == ENROLMENTS.id and query.by in ENROLMENTS.breakdowns:
            return await _enrolments(query, uow, now)
    raise CellUnknown(f"no drill-down for {query.indicator} by {query.by}")


async def _participation(
    query: CellQuery, uow: UnitOfWork, population: PopulationSource, now: datetime
) -> Traced:
    wanted = participant_filter(query.by, query.group)
    asked = ParticipationQuery(cast(Breakdown, query.by), query.until)  # a breakdown: checked above
    table = await published_participation(asked, uow, population.figures, now)
    cells = {participation_key(query.by, c.age_group, c.sex, c.locality_code): c for c in table.table.cells}
    if (cell := cells.get(query.group)) is None:
        raise CellUnknown(f"no cell {query.group!r} in the published table")
    since, until = _midnight(table.since), _midnight(table.until)
    counts, ids = await uow.drill_down.participants(wanted, since, until, query.after, query.limit)
    published = {"participants": cell.participants, "population": cell.population, "rate": cell.rate}
    return Traced.page((table.since, table.until), published, counts, ids, query.limit)


async def _enrolments(query: CellQuery, uow: UnitOfWork, now: datetime) -> Traced:
    by = cast(EnrolmentBreakdown, query.by)  # a breakdown of the indicator: checked above
    table = await published_enrolments(by, query.until, uow, now)
    if (cell := next((c for c in table.cells if c.group == query.group), None)) is None:
        raise CellUnknown(f"no cell {query.group!r} in the published table")
    since, until = _midnight(table.since), _midnight(table.until)
    counts, ids = await uow.drill_down.enrolments(by, query.group, since, until, query.after, query.limit)
    published = {"enrolments": cell.enrolments, "completions": cell.completions}
    return Traced.page((table.since, table.until), published, counts, ids, query.limit)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
