"""Use cases: keep the campaigns' audience read model from enrolment's learner and enrolment events."""

from uuid import UUID

from notifications.app.ports import UnitOfWork
from notifications.domain.audience import AudienceMember


async def record_member(member: AudienceMember, uow: UnitOfWork) -> None:
    """Store the learner's dimensions, unless the learner was erased (a late record must not return)."""
    async with uow:
        if not await uow.contacts.is_erased(member.learner_id):
            await uow.audience.save(member)


async def record_enrolled(learner_id: UUID, uow: UnitOfWork) -> None:
    """The learner enrolled at least once: no longer in a not-yet-enrolled segment."""
    async with uow:
        await uow.audience.enrolled(learner_id)


async def forget_member(learner_id: UUID, uow: UnitOfWork) -> None:
    """The learner was erased: drop their dimensions."""
    async with uow:
        await uow.audience.forget(learner_id)
