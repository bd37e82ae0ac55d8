"""HTTP API of the published indicators (SDG 4.3.1 participation first)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.ports import Dependencies

from reporting.app.enrolment_indicator import published_enrolments
from reporting.app.participation import (
    Breakdown,
    ParticipationQuery,
    PopulationSource,
    published_participation,
)
from reporting.app.ports import UnitOfWork
from reporting.domain.enrolment_indicator import EnrolmentBreakdown, Programme
from reporting.domain.readership import CITY_WIDE, Readership
from reporting.entrypoints.csv_output import CSV_RESPONSE, csv_response, wants_csv
from reporting.entrypoints.enrolment_indicator_views import EnrolmentIndicatorView
from reporting.entrypoints.indicator_views import ParticipationView

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
CITY_READERS = frozenset({"admin", "leader"})
"""City leaders and the department: every published row."""
Reader = Annotated[Principal, Depends(require(*CITY_READERS, "district-officer"))]
"""District officers too: the rows of the localities their token names, by locality only."""


def readership(caller: Principal) -> Readership:
    """The rows this caller may see."""
    return CITY_WIDE if caller.roles & CITY_READERS else Readership(frozenset(caller.areas))


def population(request: Request) -> PopulationSource:
    """The population denominators bootstrap loaded."""
    source: PopulationSource = request.app.state.population
    return source


@router.get(
    "/participation",
    response_model=ParticipationView,
    responses=CSV_RESPONSE,
    summary="SDG 4.3.1 participation rate in the previous 12 months, small cells suppressed",
    description=(
        "Learners aged 15-64 with at least one confirmed enrolment in the 12 months before `until` "
        "(UIS age groups 15-24, 25-54, 55-64, 15-64), as counts and, where the population is known, "
        "rates per 100 with the adjusted gender parity index. Cells below 5 are suppressed, with "
        "complementary suppression so that no total reveals them. Figures are dated monthly snapshots: "
        "the period ends on the first day of a month that has begun, and a period's figures, published at "
        "its first query, never change (422 for any other date). District officers get by=locality only, "
        "the city's published rows of their own localities (403 for other breakdowns)."
    ),
)
async def participation_indicator(
    uow: Uow,
    deps: Deps,
    denominators: Annotated[PopulationSource, Depends(population)],
    caller: Reader,
    csv: Annotated[bool, Depends(wants_csv)],
    by: Annotated[Breakdown, Query(description="The breakdown: sex, age_group or locality")],
    until: Annotated[
        date | None,
        Query(
            description="End of the 12-month period (exclusive): a first of the month; this month's if unset"
        ),
    ] = None,
) -> ParticipationView | Response:
    now = deps.clock.now()
    query = ParticipationQuery(by, until or now.date().replace(day=1))
    result = await published_participation(query, uow, denominators.figures, now, readership(caller))
    view = ParticipationView.of(by, result, denominators)
    return csv_response(view) if csv else view


@router.get(
    "/enrolments",
    response_model=EnrolmentIndicatorView,
    responses=CSV_RESPONSE,
    summary="Enrolments, completions, completion rate and support granted by group, small cells suppressed",
    description=(
        "Enrolments that held a seat in the 12 months before `until`, those of them completed before it, "
        "the completion rate, the share on online or distance offerings, and (by=support_category or "
        "locality) support benefits granted in the period; by sex, locality, ethnic-minority flag or "
        "support category (the learner's dimensions when they enrolled), or by the offering's course "
        "domain or delivery mode. programme=vocational_streaming: only young people aged 15-18 in "
        "vocational training. Counts below 5 are suppressed, with complementary suppression where the "
        "groups add up to the total. Dated monthly snapshots as for participation. District officers: "
        "by=locality only, the rows of their own localities."
    ),
)
async def enrolment_indicator(
    uow: Uow,
    deps: Deps,
    denominators: Annotated[PopulationSource, Depends(population)],
    caller: Reader,
    csv: Annotated[bool, Depends(wants_csv)],
    by: Annotated[
        EnrolmentBreakdown,
        Query(description="sex, locality, support_category, ethnic_minority, domain or delivery_mode"),
    ],
    until: Annotated[
        date | None,
        Query(
            description="End of the 12-month period (exclusive): a first of the month; this month's if unset"
        ),
    ] = None,
    programme: Annotated[
        Programme, Query(description="all, or vocational_streaming (aged 15-18 in vocational training)")
    ] = "all",
) -> EnrolmentIndicatorView | Response:
    now, readers = deps.clock.now(), readership(caller)
    day = until or now.date().replace(day=1)
    result = await published_enrolments(by, day, uow, now, readers, programme)
    view = EnrolmentIndicatorView.of(by, result, denominators, programme)
    return csv_response(view) if csv else view
