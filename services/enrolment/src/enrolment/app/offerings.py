"""Use cases: keep the offering read model from content's events (and v1 courses as standing offerings)."""

from uuid import UUID

from enrolment.app.ports import UnitOfWork
from enrolment.domain.offering import Offering


async def project_offering(offering: Offering, uow: UnitOfWork) -> bool:
    """Keep an offering's whole state unless a newer revision is kept already; False when it was older."""
    async with uow:
        return await uow.offerings.upsert_newer(offering)


async def open_standing_offering(course_id: UUID, capacity: int | None, uow: UnitOfWork) -> None:
    """A v1 course (content emits no offerings yet): one open offering with the course's id and capacity,
    no audience rules and no dates, so enrolment keeps working during the transition."""
    await project_offering(Offering(course_id, capacity, course_id=course_id), uow)
