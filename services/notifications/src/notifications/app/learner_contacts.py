"""Use cases: keep a learner's contacts as enrolment announces them, and forget them on erasure."""

from datetime import datetime
from uuid import UUID

from notifications.app.ports import UnitOfWork
from notifications.domain.contacts import LearnerContacts


async def record_contacts(contacts: LearnerContacts, uow: UnitOfWork) -> bool:
    """Store the contacts unless the learner was erased or newer ones are known; True if stored."""
    async with uow:
        return await store_contacts(contacts, await uow.contacts.get(contacts.learner_id), uow)


async def store_contacts(contacts: LearnerContacts, known: LearnerContacts | None, uow: UnitOfWork) -> bool:
    """Inside an open unit of work, store the contacts unless the learner was erased or `known` (the
    learner's stored contacts, already read by the caller) is newer; True if stored."""
    if await uow.contacts.is_erased(contacts.learner_id):
        return False
    if not contacts.supersedes(known):
        return False
    await uow.contacts.save(contacts)
    return True


async def forget_learner(learner_id: UUID, erased_at: datetime, uow: UnitOfWork) -> None:
    """Delete the learner's contacts and messages; remember only that the pseudonymous id was erased."""
    async with uow:
        await uow.contacts.forget(learner_id, erased_at)
        await uow.messages.forget(learner_id)
        await uow.opt_outs.forget(learner_id)
        await uow.quiet_hours.forget(learner_id)
        await uow.audience.forget(learner_id)
        await uow.places.forget(learner_id)


async def contacts_of(learner_id: UUID, uow: UnitOfWork) -> LearnerContacts | None:
    """The learner's contacts, or None (never given, or erased)."""
    async with uow:
        return await uow.contacts.get(learner_id)
