"""HTTP API for offerings: schedule a run of a published course, change it, cancel it; read them."""

from datetime import date
from uuid import UUID

from contracts.events.content import CourseTheme, DeliveryMode, OfferingStatus
from contracts.events.content.offering_details import AudienceRule
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from servicekit.http.limits import INT4_MAX

from content.app.schedule_offering import (
    ChangeOffering,
    ScheduleOffering,
    change_offering,
    published_offerings,
    schedule_offering,
)
from content.domain.audience import rule_as_dict
from content.domain.offering import Offering, Schedule
from content.entrypoints.access import AuthorOf, Deps, Ref, Uow

router = APIRouter(tags=["offerings"])


class ScheduleBody(BaseModel):
    """Dates, seats and place of an offering."""

    model_config = ConfigDict(extra="forbid")
    starts_on: date = Field(description="First day (Hanoi time)")
    ends_on: date | None = Field(None, description="Last day; null for open-ended self-paced runs")
    capacity: int | None = Field(None, ge=1, le=INT4_MAX, strict=True, description="Seats; null = unlimited")
    reserved_seats: int = Field(0, ge=0, le=INT4_MAX, strict=True, description="Seats for support policies")
    locality_code: str | None = Field(None, pattern=r"^[0-9]{5}$", description="Ward or commune (GSO code)")

    def plan(self) -> Schedule:
        """The domain's schedule."""
        return Schedule(self.starts_on, self.ends_on, self.capacity, self.reserved_seats, self.locality_code)


class OfferingView(ScheduleBody):
    """An offering with its revision and status."""

    model_config = ConfigDict(extra="ignore")
    id: UUID
    course_id: UUID
    revision: int
    status: OfferingStatus
    theme: CourseTheme
    delivery_mode: DeliveryMode
    audience: list[AudienceRule]

    @classmethod
    def of(cls, offering: Offering) -> "OfferingView":
        d = offering.details
        return cls(
            **vars(d.schedule),
            id=d.offering_id,
            course_id=d.course_id,
            revision=d.revision,
            status=OfferingStatus(d.status.value),
            theme=CourseTheme(d.theme),
            delivery_mode=DeliveryMode(d.delivery_mode),
            audience=[rule_as_dict(r) for r in d.audience],
        )


@router.post("/v1/courses/{course_id}/offerings", status_code=201, summary="Schedule an offering")
async def schedule(
    course_id: UUID, body: ScheduleBody, uow: Uow, deps: Deps, ref: Ref, author: AuthorOf
) -> OfferingView:
    command = ScheduleOffering(course_id, body.plan(), author)
    return OfferingView.of(await schedule_offering(command, uow, deps, ref))


@router.put("/v1/offerings/{offering_id}", summary="Change an offering's dates, seats or place")
async def change(
    offering_id: UUID, body: ScheduleBody, uow: Uow, deps: Deps, ref: Ref, author: AuthorOf
) -> OfferingView:
    command = ChangeOffering(offering_id, body.plan(), author)
    return OfferingView.of(await change_offering(command, uow, deps, ref))


@router.post("/v1/offerings/{offering_id}/cancel", summary="Cancel an offering")
async def cancel(offering_id: UUID, uow: Uow, deps: Deps, ref: Ref, author: AuthorOf) -> OfferingView:
    return OfferingView.of(await change_offering(ChangeOffering(offering_id, None, author), uow, deps, ref))


@router.get("/v1/courses/{course_id}/offerings", summary="The offerings of a published course (no login)")
async def offerings(course_id: UUID, uow: Uow) -> list[OfferingView]:
    return [OfferingView.of(o) for o in await published_offerings(course_id, uow)]
