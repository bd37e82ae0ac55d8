"""Use case: the SDG 4.3.1 participation indicator for a breakdown, small cells suppressed."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Literal, Protocol

from reporting.app.ports import UnitOfWork
from reporting.domain.participation import (
    ParticipantCounts,
    Population,
    previous_twelve_months,
    published_period_end,
)
from reporting.domain.participation_tables import (
    Participation,
    ParticipationTable,
    Published,
    by_age_group,
    by_locality,
    by_sex,
    published_figures,
)
from reporting.domain.readership import CITY_WIDE, Readership

Breakdown = Literal["sex", "age_group", "locality"]
TABLES: dict[Breakdown, Callable[[ParticipantCounts, Population, Published], ParticipationTable]] = {
    "sex": by_sex,
    "age_group": by_age_group,
    "locality": by_locality,
}


class PopulationSource(Protocol):
    """Population denominators and where they come from."""

    @property
    def figures(self) -> Population:
        """Population by (area, sex, age band)."""
        ...

    @property
    def sources(self) -> tuple[str, ...]:
        """Where the figures come from, one line each."""
        ...

    @property
    def name(self) -> str:
        """The name of the population file."""
        ...

    @property
    def illustrative(self) -> bool:
        """True when the figures are assumed, not official (the dashboard must say so)."""
        ...


@dataclass(frozen=True)
class ParticipationQuery:
    """Which breakdown, for the 12 months before which day."""

    by: Breakdown
    until: date


async def published_participation(
    query: ParticipationQuery,
    uow: UnitOfWork,
    population: Population,
    now: datetime,
    readers: Readership = CITY_WIDE,
) -> Participation:
    """The dated snapshot for a closed monthly period: published at the first query, the same ever after;
    cut to the rows the readers may see. The three breakdowns of a period are published together, from one
    count: their suppression is linked (see participation_tables), so none may be computed later from
    counts that a late event has moved.

    Raises PeriodRefused for a period that does not end on the first day of a month that has begun, and
    BreakdownRefused for a breakdown the readers may not see.
    """
    readers.check(query.by)
    until = published_period_end(query.until, now.date())
    async with uow:
        if (published := await uow.snapshots.get(query.by, until)) is None:
            since, _ = previous_twelve_months(until)
            counts = await uow.enrolment_facts.participants(_midnight(since), _midnight(until))
            earlier = await _overlapping_figures(uow, since, until)
            for by, table in TABLES.items():
                kept = await uow.snapshots.publish(
                    by, Participation(since, until, table(counts, population, earlier)), now
                )
                published = kept if by == query.by else published
    if published is None:  # cannot happen: every breakdown was just published or was already
        raise RuntimeError("indicator snapshot missing after publishing it")
    cells = [c for c in published.table.cells if readers.keeps(c.locality_code)]
    return replace(published, table=replace(published.table, cells=cells))


async def participation(query: ParticipationQuery, uow: UnitOfWork, population: Population) -> Participation:
    """Participants in the 12 months before `until` (UTC days), by the breakdown asked for (computed now,
    not published: rebuilds and checks compare these)."""
    since, until = previous_twelve_months(query.until)
    async with uow:
        counts = await uow.enrolment_facts.participants(_midnight(since), _midnight(until))
    return Participation(since, until, TABLES[query.by](counts, population, ()))


async def _overlapping_figures(uow: UnitOfWork, since: date, until: date) -> Published:
    """The figures of each snapshot published for an overlapping period (no two may differ by a few)."""
    ends: dict[date, list[ParticipationTable]] = {}
    for snapshot in await uow.snapshots.overlapping(since, until):
        ends.setdefault(snapshot.until, []).append(snapshot.table)
    return [published_figures(tables) for tables in ends.values()]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
