"""HTTP API of the teacher-standardisation indicator (Decree 71/2020 roadmap)."""

from collections.abc import Awaitable
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from reporting.app.participation import PopulationSource
from reporting.app.teacher_standard import (
    TeacherIndicator,
    TeacherReferenceSource,
    published_teacher_standard,
)
from reporting.domain.disclosure import MIN_CELL
from reporting.domain.teacher_standard import GNLC_BLOCK, TeacherCell
from reporting.entrypoints.csv_output import CSV_RESPONSE, wants_csv
from reporting.entrypoints.indicator_views import Denominator
from reporting.entrypoints.indicators import Deps, Reader, Uow, population, readership
from reporting.entrypoints.snapshot_response import snapshot_response

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])
Level = Literal["preschool", "primary", "lower_secondary", "upper_secondary", "all"]


def teacher_reference(request: Request) -> TeacherReferenceSource:
    """The roadmap targets and baseline bootstrap loaded."""
    source: TeacherReferenceSource = request.app.state.teacher_reference
    return source


class TeacherCellView(BaseModel):
    """One level's row."""

    level: Level = Field(description="The teaching level, or all")
    below_standard: int | None = Field(
        description="Teachers below the level's standard (who need upgrading), from the supplied baseline; "
        "null when no figure is supplied"
    )
    in_programme: int | None = Field(
        description=f"Teachers holding a seat on an upgrading programme, not yet at the standard; null when "
        f"suppressed (< {MIN_CELL})"
    )
    attained: int | None = Field(description="Teachers who reached the standard since 1 July 2020")
    in_training_or_done: int | None = Field(description="in_programme + attained; null when suppressed")
    percent: float | None = Field(description="in_training_or_done per 100 below_standard; null when unknown")
    in_programme_percent: float | None = Field(
        description="in_programme per 100 below_standard; null when suppressed or unknown"
    )
    attained_percent: float | None = Field(
        description="attained per 100 below_standard; null when suppressed or unknown"
    )
    target_percent: float | None = Field(description="The roadmap's target in force on the period's last day")
    target_phase: str | None = Field(description="The roadmap phase of that target")
    target_by: date | None = Field(description="The day by which the target is to be met")
    suppressed: bool = Field(description="True when any count of the row is withheld")

    @classmethod
    def of(cls, cell: TeacherCell) -> "TeacherCellView":
        """The published form of a domain cell."""
        hidden = None in (cell.in_programme, cell.attained, cell.in_training_or_done)
        return cls(suppressed=hidden, **asdict(cell))


class TeacherIndicatorView(BaseModel):
    """Teacher standardisation by level, against the Decree 71/2020 roadmap."""

    indicator: str = Field("teacher-standard", description="The indicator")
    building_block: str = Field(GNLC_BLOCK, description="The GNLC building block it evidences")
    by: Literal["level"] = Field("level", description="The breakdown of the cells: by teaching level")
    until: date = Field(description="Day after the period (exclusive): counts are as of this day")
    minimum_cell: int = Field(MIN_CELL, description="Counts below this are suppressed")
    cells: list[TeacherCellView]
    sources: list[str] = Field(description="Where the targets and the baseline come from")
    baseline_illustrative: bool = Field(
        description="True when below_standard comes from the shipped ILLUSTRATIVE baseline (assumed figures, "
        "not statistics): the shares must be labelled so"
    )
    denominator: Denominator = Field(description="The service's population file (not used here)")
    published_at: datetime = Field(description="When this dated snapshot was first published")


@router.get(
    "/teacher-standard",
    response_model=TeacherIndicatorView,
    responses=CSV_RESPONSE,
    summary="Teachers below standard brought up to it, by level, against the roadmap's targets",
    description=(
        "Per teaching level as of `until`: teachers in an upgrading programme (a seat on an offering open "
        "only to teachers of the level below its standard), teachers who reached the standard since 1 July "
        "2020, both together as a share of the supplied baseline of teachers below standard, and the "
        "Decree 71/2020 roadmap target in force. Counts below 5 are suppressed with complementary "
        "suppression. Dated monthly snapshots; city-wide (district officers: 403)."
    ),
)
async def teacher_standard(
    uow: Uow,
    deps: Deps,
    caller: Reader,
    csv: Annotated[bool, Depends(wants_csv)],
    reference: Annotated[TeacherReferenceSource, Depends(teacher_reference)],
    denominators: Annotated[PopulationSource, Depends(population)],
    by: Annotated[Literal["level"], Query(description="The breakdown: level (the only one)")] = "level",
    until: Annotated[
        date | None, Query(description="Period end (exclusive): a first of the month; this month's if unset")
    ] = None,
) -> TeacherIndicatorView | Response:
    def publish(day: date, now: datetime) -> Awaitable[TeacherIndicator]:
        return published_teacher_standard(day, uow, reference, now, readership(caller))

    return await snapshot_response(deps, until, publish, lambda r: view(r, reference, denominators), csv)


def view(
    result: TeacherIndicator, reference: TeacherReferenceSource, population: PopulationSource
) -> TeacherIndicatorView:
    """The response for one published table."""
    return TeacherIndicatorView(
        until=result.until,
        cells=[TeacherCellView.of(c) for c in result.cells],
        sources=list(reference.sources),
        baseline_illustrative=reference.illustrative,
        denominator=Denominator.of(population),
        published_at=result.published_at,
    )
