"""The participation indicator's published tables: counts, small cells suppressed, then rates.

The three tables (by sex, by age group, by locality) publish some of the same figures: a band's total of all
sexes, the 15-64 total (the city's cell by locality). Suppressed one table at a time, a figure hidden in one
could be read in another and subtracted (15-24 total by age group - female - male = the hidden others), so
suppression runs once over the cells of all three, and every table withholds what any of them must.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reporting.domain.disclosure import MIN_CELL
from reporting.domain.participation import (
    ALL,
    ALL_AGES,
    BANDS,
    CITY,
    SEXES,
    ParticipantCounts,
    Population,
    adjusted_gender_parity_index,
    denominator,
    participation_rate,
    sex_column,
)
from reporting.domain.protection import Line, protect
from reporting.domain.snapshot_differences import moved_by_a_few


@dataclass(frozen=True)
class IndicatorCell:
    """One published figure: participants (None when suppressed), population and rate (when known)."""

    age_group: str
    sex: str
    locality_code: str
    participants: int | None
    population: int | None
    rate: float | None


@dataclass(frozen=True)
class ParticipationTable:
    """Cells of one breakdown, and per age group the adjusted gender parity index (by sex only)."""

    cells: list[IndicatorCell]
    gender_parity: dict[str, float | None]


@dataclass(frozen=True)
class Participation:
    """A table, its period [since, until) and, once published as a dated snapshot, when."""

    since: date
    until: date
    table: ParticipationTable
    published_at: datetime | None = None


def _cell(group: str, sex: str, area: str, count: int | None, population: Population) -> IndicatorCell:
    people = denominator(population, area, sex, group)
    locality = ALL if area == CITY else area
    return IndicatorCell(group, sex, locality, count, people, participation_rate(count, people))


Key = tuple[str, str]
"""A figure of the linked tables: (age group, sex column) for the city, or (LOCALITY, code)."""
LOCALITY = "locality"
ROWS, COLUMNS = (*BANDS, ALL_AGES), (*SEXES, ALL)
Published = Sequence[Mapping[Key, int | None]]
"""The figures of snapshots already published for overlapping periods (see `snapshot_differences`)."""


def published_figures(tables: Iterable[ParticipationTable]) -> dict[Key, int | None]:
    """The linked figures of a published snapshot's tables, keyed as `linked_cells` keys them."""
    figures: dict[Key, int | None] = {}
    for cell in (c for table in tables for c in table.cells):
        key = (cell.age_group, cell.sex) if cell.locality_code == ALL else (LOCALITY, cell.locality_code)
        figures[key] = cell.participants
    return figures


def linked_cells(counts: ParticipantCounts, published: Published = ()) -> tuple[Counter[Key], set[Key]]:
    """Every figure the three tables publish, and those to withhold, suppressed together (with those
    that moved by a few since an overlapping published snapshot)."""
    grid: Counter[Key] = Counter({(g, s): 0 for g in ROWS for s in COLUMNS})
    for (band, sex, locality), n in counts.items():
        if band in BANDS:
            grid[(LOCALITY, locality)] += n
            for group in (band, ALL_AGES):
                for column in (sex_column(sex), ALL):
                    grid[(group, column)] += n
    # Totals go before female or male cells: the sex split (and its parity index) is the point of the table.
    lines = [Line(tuple((g, s) for s in SEXES), (g, ALL), margin_first=True) for g in ROWS]
    lines += [Line(tuple((b, s) for b in BANDS), (ALL_AGES, s), margin_first=True) for s in COLUMNS]
    localities = tuple(sorted(k for k in grid if k[0] == LOCALITY))
    lines.append(Line(localities, (ALL_AGES, ALL)))  # the city's cell by locality is the 15-64 total
    return grid, protect(grid, lines, MIN_CELL, moved_by_a_few(grid, published))


def by_sex(
    counts: ParticipantCounts, population: Population, published: Published = ()
) -> ParticipationTable:
    """Age group x sex for the city, rows and columns with their totals (15-64, all sexes)."""
    grid, hidden = linked_cells(counts, published)
    rows, columns = ROWS, COLUMNS
    cells = [
        _cell(g, s, CITY, None if (g, s) in hidden else grid[(g, s)], population)
        for g in rows
        for s in columns
    ]
    rates = {(c.age_group, c.sex): c.rate for c in cells}
    parity = {g: adjusted_gender_parity_index(rates[(g, "female")], rates[(g, "male")]) for g in rows}
    return ParticipationTable(cells, parity)


def by_age_group(
    counts: ParticipantCounts, population: Population, published: Published = ()
) -> ParticipationTable:
    """The three age groups and 15-64 (their total), both sexes, for the city."""
    grid, hidden = linked_cells(counts, published)
    cells = [_cell(g, ALL, CITY, None if (g, ALL) in hidden else grid[(g, ALL)], population) for g in ROWS]
    return ParticipationTable(cells, {})


def by_locality(
    counts: ParticipantCounts, population: Population, published: Published = ()
) -> ParticipationTable:
    """Participants aged 15-64 per locality (wards and communes with any), and the city total."""
    grid, hidden = linked_cells(counts, published)
    keys = {area: (LOCALITY, area) for _, area in sorted(k for k in grid if k[0] == LOCALITY)}
    keys[CITY] = (ALL_AGES, ALL)
    cells = [
        _cell(ALL_AGES, ALL, area, None if key in hidden else grid[key], population)
        for area, key in keys.items()
    ]
    return ParticipationTable(cells, {})
