"""Response body of the enrolment indicator (the OpenAPI documentation of each figure)."""

from dataclasses import asdict
from datetime import date

from pydantic import BaseModel, Field

from reporting.app.enrolment_indicator import EnrolmentIndicator
from reporting.app.participation import PopulationSource
from reporting.domain.disclosure import MIN_CELL
from reporting.domain.enrolment_indicator import (
    ALL,
    GNLC_BLOCK,
    WITH_BENEFITS,
    EnrolmentBreakdown,
    EnrolmentCell,
    Programme,
)
from reporting.domain.equity import gap
from reporting.entrypoints.indicator_views import Denominator

EMPTY = EnrolmentCell(ALL, None, None, None, None)
"""No `all` row to compare with (by locality): no gap is shown."""


class EnrolmentCellView(BaseModel):
    """One published row of the enrolment indicator."""

    group: str = Field(
        description="The group: a sex (other and undisclosed as other), a locality code, true/false for the "
        "ethnic-minority flag, a support category, a course domain or a delivery mode (`unknown` until the "
        "offering is known); `all` for every enrolment"
    )
    enrolments: int | None = Field(
        description=f"Enrolments that held a seat; null when suppressed (< {MIN_CELL})"
    )
    completions: int | None = Field(description="Of those, completed (any outcome); null when suppressed")
    completion_rate: float | None = Field(
        description="Completions per 100 enrolments; null when not published"
    )
    benefits_granted: int | None = Field(
        description="Support benefits granted in the period (by=support_category or locality); null when "
        "suppressed or not counted for this breakdown"
    )
    online_enrolments: int | None = Field(
        None, description="Of the enrolments, those on online or distance offerings; null when suppressed"
    )
    online_share: float | None = Field(
        None, description="Online and distance enrolments per 100 enrolments; null when not published"
    )
    completion_rate_gap: float | None = Field(
        None,
        description="Equity view: completion rate minus the `all` row's, in percentage points (not by "
        "locality)",
    )
    online_share_gap: float | None = Field(
        None, description="Equity view: online share minus the `all` row's, in percentage points"
    )
    suppressed: bool = Field(description="True when any count of the row is withheld")

    @classmethod
    def of(cls, cell: EnrolmentCell, by: EnrolmentBreakdown, total: EnrolmentCell) -> "EnrolmentCellView":
        """The published form of a domain cell, with its gaps to the total (the equity view)."""
        withheld = None in (cell.enrolments, cell.completions, cell.online_enrolments)
        withheld |= by in WITH_BENEFITS and cell.benefits_granted is None
        gaps = {
            "completion_rate_gap": gap(cell.completion_rate, total.completion_rate),
            "online_share_gap": gap(cell.online_share, total.online_share),
        }
        return cls(suppressed=withheld, **asdict(cell), **gaps)


class EnrolmentIndicatorView(BaseModel):
    """Enrolments, completions, completion rate and support benefits of one breakdown, for 12 months."""

    indicator: str = Field("enrolments", description="The indicator")
    building_block: str = Field(GNLC_BLOCK, description="The GNLC building block it evidences")
    by: EnrolmentBreakdown = Field(description="The breakdown of the cells")
    programme: Programme = Field(
        "all", description="all enrolments, or vocational_streaming (aged 15-18 in vocational training)"
    )
    since: date = Field(description="First day of the period (inclusive)")
    until: date = Field(description="Day after the period (exclusive)")
    minimum_cell: int = Field(MIN_CELL, description="Counts below this are suppressed")
    cells: list[EnrolmentCellView]
    denominator: Denominator = Field(
        description="The service's population file (no rate of this indicator uses it yet) and whether it "
        "is illustrative"
    )

    @classmethod
    def of(
        cls,
        by: EnrolmentBreakdown,
        result: EnrolmentIndicator,
        population: PopulationSource,
        programme: Programme = "all",
    ) -> "EnrolmentIndicatorView":
        """The response for one published table."""
        # By locality no gap: scoped readers see their rows only, never the city's (nor a gap giving it back).
        total = next((c for c in result.cells if c.group == ALL and by != "locality"), EMPTY)
        cells = [EnrolmentCellView.of(c, by, total) for c in result.cells]
        denominator = Denominator.of(population)
        period = {"since": result.since, "until": result.until}
        return cls(by=by, programme=programme, **period, cells=cells, denominator=denominator)
