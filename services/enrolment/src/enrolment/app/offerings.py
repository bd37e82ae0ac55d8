"""Use case: keep the offering read model from content's offering events."""

from enrolment.app.ports import UnitOfWork
from enrolment.domain.offering import Offering


async def project_offering(offering: Offering, uow: UnitOfWork) -> bool:
    """Keep an offering's whole state unless a newer revision is kept already; False when it was older."""
    async with uow:
        return await uow.offerings.upsert_newer(offering)
