"""HTTP API of the reporting service: published statistics."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require

from reporting.app.enrolment_statistics import enrolment_statistics
from reporting.app.ports import UnitOfWork
from reporting.domain.disclosure import MIN_CELL

router = APIRouter(prefix="/v1/statistics", tags=["statistics"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]


class CourseCell(BaseModel):
    """Confirmed enrolments on one course."""

    course_id: UUID
    enrolments: int | None = Field(description=f"null when suppressed (fewer than {MIN_CELL})")
    suppressed: bool


class EnrolmentStatisticsView(BaseModel):
    """Confirmed enrolments city-wide and per course."""

    total: int | None = Field(
        description=(
            f"All confirmed enrolments; null when fewer than {MIN_CELL} or when, with the published "
            "cells, it would reveal a suppressed one"
        )
    )
    minimum_cell: int = Field(MIN_CELL, description="Cells below this are suppressed")
    by_course: list[CourseCell]


@router.get("/enrolments", summary="Confirmed enrolments, small cells suppressed")
async def enrolments(
    uow: Uow, _: Annotated[Principal, Depends(require("analyst", "admin"))]
) -> EnrolmentStatisticsView:
    stats = await enrolment_statistics(uow)
    cells = [
        CourseCell(course_id=UUID(c.key), enrolments=c.count, suppressed=c.suppressed)
        for c in stats.by_course
    ]
    return EnrolmentStatisticsView(total=stats.total, by_course=cells)
