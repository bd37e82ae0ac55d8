"""HTTP: the GNLC progress-report export, every measurable indicator as JSON or as a readable HTML page."""

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from servicekit.http.auth import Principal, require

from reporting.app.participation import Breakdown, PopulationSource
from reporting.app.teacher_standard import TeacherReferenceSource
from reporting.domain.campaign_reach import ReachBreakdown
from reporting.domain.disclosure import MIN_CELL
from reporting.domain.enrolment_indicator import EnrolmentBreakdown
from reporting.domain.indicator_catalogue import (
    CAMPAIGN_REACH,
    CATALOGUE,
    ENROLMENTS,
    PARTICIPATION,
    TEACHER_STANDARD,
    IndicatorDefinition,
)
from reporting.entrypoints import campaign_indicator, indicators, teacher_indicator
from reporting.entrypoints.indicators import Deps, Uow, population

router = APIRouter(prefix="/v1/reports", tags=["reports"])
Leader = Annotated[Principal, Depends(require("admin", "leader"))]
Figures = Callable[[str, date], Awaitable[BaseModel]]
"""The published figures of one breakdown for the period ending on a date (the indicator's API answer)."""
_PAGES = Environment(loader=PackageLoader("reporting"), autoescape=select_autoescape(default=True))


class BuildingBlockView(BaseModel):
    """A building block of the GNLC Key Features of Learning Cities."""

    number: int = Field(description="1-6, as numbered in the Key Features")
    title_en: str
    title_vi: str


class ReportedIndicator(BaseModel):
    """One indicator of the report: what it is, where it comes from, and its published figures."""

    id: str = Field(description="The indicator's id in the catalogue")
    title_vi: str
    title_en: str
    definition: str
    building_block: BuildingBlockView
    data_source: str
    unit: str
    api_path: str = Field(description="Where the API serves it (with `by` and `until`)")
    figures: list[dict[str, Any]] = Field(
        description="Per breakdown, the API's published answer for the period (suppressed cells are null)"
    )


class GnlcReport(BaseModel):
    """The platform's contribution to Hanoi's GNLC progress report for one 12-month period."""

    report: Literal["GNLC progress report"] = "GNLC progress report"
    city: str = "Hà Nội (Hanoi), Viet Nam"
    since: date = Field(description="First day of the period (inclusive)")
    until: date = Field(description="Day after the period (exclusive)")
    generated_at: datetime
    minimum_cell: int = Field(MIN_CELL, description="Counts below this are suppressed")
    population_sources: list[str] = Field(description="Where the denominators of the rates come from")
    indicators: list[ReportedIndicator]


def _sources(
    uow: Uow,
    deps: Deps,
    denominators: PopulationSource,
    caller: Principal,
    reference: TeacherReferenceSource,
) -> dict[str, Figures]:
    """Per catalogued indicator, how to get its published figures (the indicator API's own functions;
    each `by` is one of the catalogued breakdowns, which a unit test checks against the routes)."""
    return {
        PARTICIPATION.id: lambda by, until: _json(
            indicators.participation_indicator(
                uow, deps, denominators, caller, False, cast(Breakdown, by), until
            )
        ),
        ENROLMENTS.id: lambda by, until: _json(
            indicators.enrolment_indicator(
                uow, deps, denominators, caller, False, cast(EnrolmentBreakdown, by), until
            )
        ),
        TEACHER_STANDARD.id: lambda _, until: _json(
            teacher_indicator.teacher_standard(
                uow, deps, caller, False, reference, denominators, "level", until
            )
        ),
        CAMPAIGN_REACH.id: lambda by, until: _json(
            campaign_indicator.campaign_reach(
                uow, deps, caller, False, denominators, cast(ReachBreakdown, by), 30, until
            )
        ),
    }


async def _json(answer: Awaitable[BaseModel | Response]) -> BaseModel:
    """An indicator route's JSON answer (the report never asks for CSV)."""
    view = await answer
    if isinstance(view, Response):  # cannot happen: csv=False
        raise TypeError("an indicator answered CSV to the report")
    return view


async def _reported(definition: IndicatorDefinition, figures: Figures, until: date) -> ReportedIndicator:
    block = definition.building_block
    answers = [(await figures(by, until)).model_dump(mode="json") for by in definition.breakdowns]
    return ReportedIndicator(
        **{k: getattr(definition, k) for k in ("id", "title_vi", "title_en", "definition", "unit")},
        building_block=BuildingBlockView(
            number=block.number, title_en=block.title_en, title_vi=block.title_vi
        ),
        data_source=definition.data_source,
        api_path=definition.api_path,
        figures=answers,
    )


@router.get(
    "/gnlc",
    summary="GNLC progress-report export: every indicator the platform measures, JSON or HTML",
    description=(
        "For one 12-month period, every catalogued indicator with its definition, GNLC building block, "
        "data source, unit and its published figures for every breakdown: the same dated snapshots the "
        "indicator API serves, so suppressed cells stay suppressed. `format=html` gives a page to read "
        "and print. City leaders and the department only."
    ),
    response_model=GnlcReport,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
async def gnlc_report(
    uow: Uow,
    deps: Deps,
    denominators: Annotated[PopulationSource, Depends(population)],
    caller: Leader,
    reference: Annotated[TeacherReferenceSource, Depends(teacher_indicator.teacher_reference)],
    period: Annotated[
        date | None,
        Query(
            description="End of the 12-month period (exclusive): a first of the month; this month's if unset"
        ),
    ] = None,
    format: Annotated[Literal["json", "html"], Query(description="json (default) or html")] = "json",
) -> Response | GnlcReport:
    until = period or deps.clock.now().date().replace(day=1)
    sources = _sources(uow, deps, denominators, caller, reference)
    async with uow:  # one transaction: every figure of the report from the same state
        reported = [await _reported(d, sources[d.id], until) for d in CATALOGUE if d.id in sources]
    since = reported[0].figures[0]["since"] if reported else until
    report = GnlcReport(
        since=since,
        until=until,
        generated_at=deps.clock.now(),
        population_sources=list(denominators.sources),
        indicators=reported,
    )
    if format == "html":
        return HTMLResponse(_PAGES.get_template("gnlc_report.html").render(report=report))
    return report
