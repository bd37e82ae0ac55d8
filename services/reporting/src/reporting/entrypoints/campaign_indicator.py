"""HTTP API of campaign reach and conversion."""

from collections.abc import Awaitable
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from reporting.app.campaign_reach import CampaignReachIndicator, ReachQuery, published_reach
from reporting.app.participation import PopulationSource
from reporting.domain.campaign_reach import GNLC_BLOCK, ReachBreakdown, ReachCell
from reporting.domain.disclosure import MIN_CELL
from reporting.entrypoints.csv_output import CSV_RESPONSE, wants_csv
from reporting.entrypoints.indicator_views import Denominator
from reporting.entrypoints.indicators import Deps, Reader, Uow, population, readership
from reporting.entrypoints.snapshot_response import snapshot_response

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])


class ReachCellView(BaseModel):
    """One segment's row."""

    group: str = Field(description="A locality code, a sex, or a support category; `all` for everyone")
    recipients: int | None = Field(description=f"Learners messaged; null when suppressed (< {MIN_CELL})")
    sent: int | None = Field(description="Deliveries a channel accepted")
    failed: int | None = Field(description="Deliveries that failed for good")
    delivered: int | None = Field(description="Not yet measured: null until notifications announces it")
    opened: int | None = Field(description="Not yet measured: null until notifications announces it")
    converted: int | None = Field(
        description="Recipients who got a seat within `days` of their first message"
    )
    conversion_rate: float | None = Field(description="converted per 100 recipients; null when not published")
    suppressed: bool = Field(description="True when any count of the row is withheld")

    @classmethod
    def of(cls, cell: ReachCell) -> "ReachCellView":
        """The published form of a domain cell."""
        hidden = None in (cell.recipients, cell.sent, cell.failed, cell.converted)
        return cls(suppressed=hidden, **asdict(cell))


class ReachView(BaseModel):
    """Campaign reach and conversion of one breakdown, for 12 months."""

    indicator: str = Field("campaign-reach", description="The indicator")
    building_block: str = Field(GNLC_BLOCK, description="The GNLC building block it evidences")
    by: ReachBreakdown = Field(description="The breakdown of the cells")
    days: int = Field(description="The conversion window in days")
    since: date = Field(description="First day of the period (inclusive)")
    until: date = Field(description="Day after the period (exclusive)")
    minimum_cell: int = Field(MIN_CELL, description="Counts below this are suppressed")
    cells: list[ReachCellView]
    denominator: Denominator = Field(description="The service's population file (not used here)")
    published_at: datetime = Field(description="When this dated snapshot was first published")

    @classmethod
    def of(cls, query: ReachQuery, result: CampaignReachIndicator, people: PopulationSource) -> "ReachView":
        """The response for one published table."""
        return cls(
            by=query.by,
            days=query.days,
            since=result.since,
            until=result.until,
            cells=[ReachCellView.of(c) for c in result.cells],
            denominator=Denominator.of(people),
            published_at=result.published_at,
        )


@router.get(
    "/campaign-reach",
    response_model=ReachView,
    responses=CSV_RESPONSE,
    summary="Campaign reach (recipients, sent, failed) and conversion into enrolments, by segment",
    description=(
        "Campaign messages sent or failed in the 12 months before `until`: distinct recipients, deliveries "
        "sent and failed, and recipients who got a seat within `days` of their first message (before "
        "`until`), by the learners' locality, sex or support category. Delivered and opened are null until "
        "notifications announces them. Counts below 5 are suppressed with complementary suppression. "
        "Dated monthly snapshots; district officers: by=locality only, their localities' rows."
    ),
)
async def campaign_reach(
    uow: Uow,
    deps: Deps,
    caller: Reader,
    csv: Annotated[bool, Depends(wants_csv)],
    people: Annotated[PopulationSource, Depends(population)],
    by: Annotated[ReachBreakdown, Query(description="locality, sex or support_category")],
    days: Annotated[int, Query(ge=1, le=180, description="Conversion window in days")] = 30,
    until: Annotated[
        date | None, Query(description="Period end (exclusive): a first of the month; this month's if unset")
    ] = None,
) -> ReachView | Response:
    def publish(day: date, now: datetime) -> Awaitable[CampaignReachIndicator]:
        return published_reach(ReachQuery(by, day, days), uow, now, readership(caller))

    def view(result: CampaignReachIndicator) -> ReachView:
        return ReachView.of(ReachQuery(by, result.until, days), result, people)

    return await snapshot_response(deps, until, publish, view, csv)
