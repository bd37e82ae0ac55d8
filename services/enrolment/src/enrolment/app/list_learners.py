"""Use case: list the learners a caller may see, filtered by dimensions, one page at a time."""

from dataclasses import replace

from enrolment.app.learner_query import LearnerFilter, LearnerPage, PageKey
from enrolment.app.ports import UnitOfWork
from enrolment.domain.access import Reach


async def list_learners(
    wanted: LearnerFilter, reach: Reach, after: PageKey | None, limit: int, uow: UnitOfWork
) -> LearnerPage:
    """The next page of matching learners within the caller's localities (erased learners are left out)."""
    if not reach.everything:
        if not reach.localities:  # an officer whose token names no locality sees nothing
            return LearnerPage([], None)
        wanted = replace(wanted, localities=reach.localities)
    async with uow:
        return await uow.learners.page(wanted, after, limit)
