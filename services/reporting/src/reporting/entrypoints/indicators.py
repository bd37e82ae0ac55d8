"""HTTP API of the published indicators (SDG 4.3.1 participation first)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.ports import Dependencies

from reporting.app.participation import (
    Breakdown,
    ParticipationQuery,
    PopulationSource,
    published_participation,
)
from reporting.app.ports import UnitOfWork
from reporting.entrypoints.indicator_views import ParticipationView

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
# District officers will see their own locality once tokens carry a locality claim (the kit's Principal
# has none yet); until then the city-wide tables are for city leaders and administrators only.
Reader = Annotated[Principal, Depends(require("admin", "leader"))]


def population(request: Request) -> PopulationSource:
    """The population denominators bootstrap loaded."""
    source: PopulationSource = request.app.state.population
    return source


@router.get(
    "/participation",
    summary="SDG 4.3.1 participation rate in the previous 12 months, small cells suppressed",
    description=(
        "Learners aged 15-64 with at least one confirmed enrolment in the 12 months before `until` "
        "(UIS age groups 15-24, 25-54, 55-64, 15-64), as counts and, where the population is known, "
        "rates per 100 with the adjusted gender parity index. Cells below 5 are suppressed, with "
        "complementary suppression so that no total reveals them. Figures are dated monthly snapshots: "
        "the period ends on the first day of a month that has begun, and a period's figures, published at "
        "its first query, never change (422 for any other date)."
    ),
)
async def participation_indicator(
    uow: Uow,
    deps: Deps,
    denominators: Annotated[PopulationSource, Depends(population)],
    _: Reader,
    by: Annotated[Breakdown, Query(description="The breakdown: sex, age_group or locality")],
    until: Annotated[
        date | None,
        Query(
            description="End of the 12-month period (exclusive): a first of the month; this month's if unset"
        ),
    ] = None,
) -> ParticipationView:
    now = deps.clock.now()
    query = ParticipationQuery(by, until or now.date().replace(day=1))
    result = await published_participation(query, uow, denominators.figures, now)
    return ParticipationView.of(by, result, denominators.sources)
