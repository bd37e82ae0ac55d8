"""Use case: read one enrolment."""

from uuid import UUID

from enrolment.app.ports import UnitOfWork
from enrolment.domain.enrolment import Enrolment


async def read_enrolment(enrolment_id: UUID, uow: UnitOfWork) -> Enrolment | None:
    """One enrolment by id, or None."""
    async with uow:
        return await uow.enrolments.get(enrolment_id)
