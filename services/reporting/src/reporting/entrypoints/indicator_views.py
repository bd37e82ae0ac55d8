"""Response bodies of the indicator API (the OpenAPI documentation of each figure)."""

from dataclasses import asdict
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from reporting.app.participation import Breakdown, PopulationSource
from reporting.domain.disclosure import MIN_CELL
from reporting.domain.equity import gap
from reporting.domain.participation_tables import IndicatorCell, Participation

AgeGroup = Literal["15-24", "25-54", "55-64", "15-64"]  # the domain's AGE_GROUPS, as a closed vocabulary
Sex = Literal["female", "male", "other", "all"]  # the domain's SEXES and ALL
GNLC_BLOCK = "Inclusive learning in the education system (GNLC key features, building block 1)"


class Denominator(BaseModel):
    """Which population file the service's rates use, and whether its figures are official."""

    source: str = Field(description="The population file (its rows' sources are in population_sources)")
    illustrative: bool = Field(
        description="True when the figures are ASSUMED, not official: rates only show how the indicator "
        "looks and must be labelled so wherever they are shown"
    )

    @classmethod
    def of(cls, population: PopulationSource) -> "Denominator":
        """The denominator of a loaded population file."""
        return cls(source=population.name, illustrative=population.illustrative)


class ParticipationCell(BaseModel):
    """One published figure of the participation table."""

    age_group: AgeGroup = Field(description="UIS age group: 15-24, 25-54, 55-64 or 15-64")
    sex: Sex = Field(description="female, male, other (other or undisclosed) or all")
    locality_code: str = Field(description="GSO code of the ward or commune (2025 system), or all")
    participants: int | None = Field(
        description=f"Learners who took part; null when suppressed (< {MIN_CELL})"
    )
    suppressed: bool = Field(description="True when the count is withheld (primary or complementary)")
    population: int | None = Field(description="Denominator; null when no population figure is known")
    rate: float | None = Field(description="Participants per 100 of the population; null when unknown")
    rate_gap: float | None = Field(
        None,
        description="Equity view: rate minus the rate of everyone (all sexes of the age group by sex; all "
        "15-64s by age group), in percentage points; null by locality or when either is unknown",
    )

    @classmethod
    def of(cls, cell: IndicatorCell, total_rate: float | None = None) -> "ParticipationCell":
        """The published form of a domain cell, with its gap to everyone's rate."""
        return cls(suppressed=cell.participants is None, rate_gap=gap(cell.rate, total_rate), **asdict(cell))


class ParticipationView(BaseModel):
    """SDG 4.3.1 participation in formal and non-formal education and training, previous 12 months."""

    indicator: Literal["SDG 4.3.1"] = Field("SDG 4.3.1", description="The indicator (UIS definition)")
    building_block: str = Field(GNLC_BLOCK, description="The GNLC building block it evidences")
    by: Breakdown = Field(description="The breakdown of the cells")
    since: date = Field(description="First day of the period (inclusive)")
    until: date = Field(description="Day after the period (exclusive)")
    minimum_cell: int = Field(MIN_CELL, description="Counts below this are suppressed")
    cells: list[ParticipationCell]
    gender_parity: dict[str, float | None] = Field(
        description="Adjusted gender parity index per age group (by=sex only); null when a rate is unknown"
    )
    population_sources: list[str] = Field(description="Where the denominators come from")
    denominator: Denominator = Field(description="The population file and whether it is illustrative")
    published_at: datetime | None = Field(description="When this dated snapshot was first published")

    @classmethod
    def of(cls, by: Breakdown, result: Participation, population: PopulationSource) -> "ParticipationView":
        """The response for one computed table."""
        return cls(
            by=by,
            since=result.since,
            until=result.until,
            cells=[
                ParticipationCell.of(c, _total_rate(by, c, result.table.cells)) for c in result.table.cells
            ],
            gender_parity=result.table.gender_parity,
            population_sources=list(population.sources),
            denominator=Denominator.of(population),
            published_at=result.published_at,
        )


def _total_rate(by: Breakdown, cell: IndicatorCell, cells: list[IndicatorCell]) -> float | None:
    """Everyone's rate a cell compares with: its age group's, all sexes (by sex); all 15-64s (by age group).
    None by locality: district officers see their localities' rows, never the city's figure (nor a gap
    that would give it back)."""
    if by == "locality":
        return None
    group = cell.age_group if by == "sex" else "15-64"
    return next(
        (c.rate for c in cells if (c.age_group, c.sex, c.locality_code) == (group, "all", "all")), None
    )
