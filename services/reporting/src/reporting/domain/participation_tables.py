"""The participation indicator's published tables: counts, small cells suppressed, then rates."""

from collections import Counter
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


def by_sex(counts: ParticipantCounts, population: Population) -> ParticipationTable:
    """Age group x sex for the city, rows and columns with their totals (15-64, all sexes)."""
    grid: Counter[tuple[str, str]] = Counter()
    for (band, sex, _), n in counts.items():
        if band in BANDS:
            for group in (band, ALL_AGES):
                for column in (sex_column(sex), ALL):
                    grid[(group, column)] += n
    rows, columns = (*BANDS, ALL_AGES), (*SEXES, ALL)
    # Totals go before female or male cells: the sex split (and its parity index) is the point of the table.
    lines = [Line(tuple((g, s) for s in SEXES), (g, ALL), margin_first=True) for g in rows]
    lines += [Line(tuple((b, s) for b in BANDS), (ALL_AGES, s), margin_first=True) for s in columns]
    hidden = protect({(g, s): grid[(g, s)] for g in rows for s in columns}, lines, MIN_CELL)
    cells = [
        _cell(g, s, CITY, None if (g, s) in hidden else grid[(g, s)], population)
        for g in rows
        for s in columns
    ]
    rates = {(c.age_group, c.sex): c.rate for c in cells}
    parity = {g: adjusted_gender_parity_index(rates[(g, "female")], rates[(g, "male")]) for g in rows}
    return ParticipationTable(cells, parity)


def by_age_group(counts: ParticipantCounts, population: Population) -> ParticipationTable:
    """The three age groups and 15-64 (their total), both sexes, for the city."""
    per_band = Counter({band: 0 for band in BANDS})
    for (band, _, _), n in counts.items():
        if band in BANDS:
            per_band[band] += n
    values = {**per_band, ALL_AGES: sum(per_band.values())}
    hidden = protect(values, [Line(BANDS, ALL_AGES)], MIN_CELL)
    cells = [_cell(g, ALL, CITY, None if g in hidden else values[g], population) for g in values]
    return ParticipationTable(cells, {})


def by_locality(counts: ParticipantCounts, population: Population) -> ParticipationTable:
    """Participants aged 15-64 per locality (wards and communes with any), and the city total."""
    per_locality: Counter[str] = Counter()
    for (band, _, locality), n in counts.items():
        if band in BANDS:
            per_locality[locality] += n
    values = {**per_locality, CITY: sum(per_locality.values())}
    hidden = protect(values, [Line(tuple(sorted(per_locality)), CITY)], MIN_CELL)
    cells = [
        _cell(ALL_AGES, ALL, area, None if area in hidden else values[area], population)
        for area in (*sorted(per_locality), CITY)
    ]
    return ParticipationTable(cells, {})
