"""HTTP API of the reporting service: published statistics."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from servicekit.http import cursors
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.pages import CursorQuery, Page

from reporting.app.enrolment_statistics import enrolment_statistics
from reporting.app.ports import UnitOfWork
from reporting.domain.disclosure import MIN_CELL

router = APIRouter(prefix="/v1/statistics", tags=["statistics"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Limit = Annotated[int, Query(ge=1, le=500, description="Course cells per page")]


class CourseCell(BaseModel):
    """Confirmed enrolments on one course."""

    course_id: UUID
    enrolments: int | None = Field(description=f"null when suppressed (fewer than {MIN_CELL})")
    suppressed: bool


class EnrolmentStatisticsView(Page[CourseCell]):
    """Confirmed enrolments city-wide, and a page of the per-course cells (by course id)."""

    total: int | None = Field(
        description=(
            f"All confirmed enrolments; null when fewer than {MIN_CELL} or when, with the published "
            "cells, it would reveal a suppressed one"
        )
    )
    minimum_cell: int = Field(MIN_CELL, description="Cells below this are suppressed")


@router.get("/enrolments", summary="Confirmed enrolments, small cells suppressed, course cells in pages")
async def enrolments(
    uow: Uow,
    _: Annotated[Principal, Depends(require("analyst", "admin"))],
    limit: Limit = 100,
    cursor: CursorQuery = None,
) -> EnrolmentStatisticsView:
    after = cursors.decode(cursor, UUID)
    stats = await enrolment_statistics(uow)  # suppression needs every cell: the page is cut after it
    cells = sorted(
        (
            CourseCell(course_id=UUID(c.key), enrolments=c.count, suppressed=c.suppressed)
            for c in stats.by_course
        ),
        key=lambda cell: str(cell.course_id),
    )
    remaining = [c for c in cells if after is None or str(c.course_id) > str(after[0])]
    page, more = remaining[:limit], len(remaining) > limit
    next_cursor = cursors.encode(page[-1].course_id) if more else None
    return EnrolmentStatisticsView(items=page, next_cursor=next_cursor, total=stats.total)
