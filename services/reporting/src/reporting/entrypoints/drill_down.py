"""HTTP: trace a published figure to the counts, enrolments and events behind it; admins only."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import Field
from servicekit.http import cursors
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.pages import CursorQuery, Page
from servicekit.ports import Dependencies

from reporting.app.drill_down import CellQuery, drill_down
from reporting.app.participation import PopulationSource
from reporting.app.ports import UnitOfWork
from reporting.domain.indicator_catalogue import CATALOGUE
from reporting.entrypoints.indicators import population

router = APIRouter(prefix="/v1/drill-down", tags=["drill-down"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
# Only the department's administrators: ids let one follow an enrolment's events, and a suppressed cell's
# counts are exactly what suppression withholds, so no other role may drill into any cell.
Admin = Annotated[Principal, Depends(require("admin"))]
INDICATORS = "|".join(d.id.replace(".", r"\.") for d in CATALOGUE)


class DrillDownView(Page[UUID]):
    """One published cell, its counts recomputed now, and a page of the enrolments behind it (by id)."""

    indicator: str = Field(description="The indicator's id in the catalogue")
    by: str = Field(description="The breakdown")
    group: str = Field(description="The cell")
    since: date = Field(description="First day of the period (inclusive)")
    until: date = Field(description="Day after the period (exclusive)")
    published: dict[str, Any] = Field(description="The figures as published (null where suppressed)")
    counts: dict[str, int] = Field(
        description="The same counts recomputed now from the projections; they differ from the published "
        "ones only where events about the period arrived after it was published"
    )
    event_ids: list[str] = Field(
        description="The CloudEvents ids (`ce_id`) of the events behind the enrolments of this page: the "
        "confirmation or promotion of each (participation), every lifecycle event of each (enrolments)"
    )


@router.get(
    "",
    summary="The counts and enrolment ids behind one published figure (admins)",
    description=(
        "Every published figure can be traced: the participants, enrolments or completions behind one "
        "cell, and the ids of those enrolments. An enrolment id is the Kafka key and the `ce_subject` of "
        "every event about that enrolment, so the events behind the figure can be found on the topic. "
        "Enrolment ids are pseudonymous and carry no personal data. A cell is named by `group`: for "
        "participation by locality a locality code or `all`, by age_group an age group, by sex "
        "`<age group>/<sex>` (e.g. `15-64/female`); for enrolments the row's group. Suppressed cells "
        "too (admins only); 404 for a cell the table does not publish."
    ),
)
async def drill_down_cell(
    uow: Uow,
    deps: Deps,
    denominators: Annotated[PopulationSource, Depends(population)],
    _: Admin,
    indicator: Annotated[str, Query(pattern=f"^({INDICATORS})$", description="Catalogue id")],
    by: Annotated[str, Query(max_length=40, description="The breakdown, as the indicator's `by`")],
    group: Annotated[str, Query(max_length=80, description="The cell (see above)")],
    until: Annotated[date | None, Query(description="Period end, as the indicator's `until`")] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Enrolment ids per page")] = 500,
    cursor: CursorQuery = None,
) -> DrillDownView:
    now = deps.clock.now()
    after: UUID | None = (cursors.decode(cursor, UUID) or (None,))[0]
    query = CellQuery(indicator, by, group, until or now.date().replace(day=1), after, limit)
    traced = await drill_down(query, uow, denominators, now)
    next_cursor = cursors.encode(traced.enrolment_ids[-1]) if traced.more else None
    return DrillDownView(
        items=traced.enrolment_ids,
        next_cursor=next_cursor,
        **dict(indicator=indicator, by=by, group=group, since=traced.since, until=traced.until),
        published=traced.published,
        counts=traced.counts,
        event_ids=traced.event_ids,
    )
