"""Use cases that only read: an enrolment, lists, offerings with seats, a learner's dashboard."""

from dataclasses import dataclass
from uuid import UUID

from enrolment.app.place_changes import Acting
from enrolment.app.ports import EnrolmentFilter, OfferingSeats, Position, UnitOfWork
from enrolment.domain.lifecycle import Place
from enrolment.domain.support import SupportGranted

DASHBOARD_MOST = 500  # a learner's enrolments shown at once; the list API pages through more


async def read_enrolment(enrolment_id: UUID, acting: Acting, uow: UnitOfWork) -> Place | None:
    """One enrolment, or None (also when a learner asks for someone else's)."""
    async with uow:
        place = await uow.enrolments.get(enrolment_id)
    if place is None or acting.learner_id not in (None, place.applicant.learner_id):
        return None
    return place


async def list_enrolments(
    where: EnrolmentFilter, after: Position | None, limit: int, uow: UnitOfWork
) -> list[Place]:
    """A page of enrolments."""
    async with uow:
        return await uow.listings.enrolments(where, after, limit)


async def read_offering(offering_id: UUID, uow: UnitOfWork) -> OfferingSeats | None:
    """One offering with its waitlist's length."""
    async with uow:
        return await uow.listings.offering(offering_id)


async def list_offerings(after: UUID | None, limit: int, uow: UnitOfWork) -> list[OfferingSeats]:
    """A page of offerings."""
    async with uow:
        return await uow.listings.offerings(after, limit)


@dataclass(frozen=True)
class Dashboard:
    """A learner's own view: their enrolments with progress, and the benefits granted to them."""

    enrolments: list[Place]
    benefits: list[SupportGranted]


async def dashboard(learner_id: UUID, uow: UnitOfWork) -> Dashboard:
    """The learner's enrolments and benefits."""
    async with uow:
        places = await uow.listings.enrolments(EnrolmentFilter(learner_id=learner_id), None, DASHBOARD_MOST)
        return Dashboard(places, await uow.benefits.of_learner(learner_id))
