"""SDG 4.3.1: participation of youth and adults in education and training in the previous 12 months.

UIS definition: participants of an age group in formal or non-formal education or training in the 12 months
before the reference date, divided by the population of that age group, times 100; age groups 15-24, 25-54,
55-64 and 15-64; by sex with the adjusted gender parity index. Here a participant is a learner with at least
one confirmed enrolment in the period; age band and sex are the learner's latest stated dimensions.
"""

from collections.abc import Mapping
from datetime import date

AGE_GROUPS: dict[str, tuple[str, ...]] = {
    "15-24": ("15-24",),
    "25-54": ("25-54",),
    "55-64": ("55-64",),
    "15-64": ("15-24", "25-54", "55-64"),
}
"""UIS age groups and the age bands (as learner events carry them) each is made of."""
BANDS = ("15-24", "25-54", "55-64")
ALL_AGES = "15-64"
SEXES = ("female", "male", "other")
"""Published sex columns: `other` counts learners whose sex is other or undisclosed."""
ALL = "all"
CITY = "city"
"""Area code of the whole city in population data."""

ParticipantCounts = dict[tuple[str, str, str], int]
"""Distinct participants by (age band, sex as stated, locality code)."""
Population = Mapping[tuple[str, str, str], int]
"""Population by (area: locality code or `city`, sex: female/male/all, age band)."""


def sex_column(stated: str) -> str:
    """The published column of a stated sex."""
    return stated if stated in ("female", "male") else "other"


def previous_twelve_months(until: date) -> tuple[date, date]:
    """The period [since, until) of the 12 months before `until` (29 February falls back to the 28th)."""
    try:
        return until.replace(year=until.year - 1), until
    except ValueError:
        return until.replace(year=until.year - 1, day=28), until


def participation_rate(participants: int | None, population: int | None) -> float | None:
    """Participants per 100 of the population; None without a count or a positive denominator."""
    if participants is None or not population:
        return None
    return round(100 * participants / population, 4)


def adjusted_gender_parity_index(female_rate: float | None, male_rate: float | None) -> float | None:
    """UIS adjusted GPI: F/M when F <= M, else 2 - M/F, so that it is symmetric around 1 and below 2."""
    if female_rate is None or male_rate is None or male_rate == 0:
        return None
    if female_rate <= male_rate:
        return round(female_rate / male_rate, 4)
    return round(2 - male_rate / female_rate, 4)


def denominator(population: Population, area: str, sex: str, group: str) -> int | None:
    """The population of an age group (the sum of its bands); None when any band is missing."""
    parts = [population.get((area, sex, band)) for band in AGE_GROUPS[group]]
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


class PeriodRefused(ValueError):
    """Figures are published as dated monthly snapshots; this period is not one of them."""

    status, title, kind = 422, "Period not publishable", "period-refused"


def published_period_end(until: date, today: date) -> date:
    """The end of a publishable period: the first day of a month that has begun.

    Why: a figure published for a closed period never moves again, so asking twice (or every day) cannot
    reveal one learner's enrolment by the difference.
    """
    if until.day != 1:
        raise PeriodRefused("a period ends on the first day of a month")
    if until > today:
        raise PeriodRefused("the period has not ended yet")
    return until
