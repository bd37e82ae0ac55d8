"""Who the caller is, as the learner records they may reach (roles and the token's localities)."""

from typing import Annotated
from uuid import UUID

from fastapi import Depends
from servicekit.http.auth import Principal, require

from enrolment.domain.access import EVERYTHING, Reach

DEPARTMENT = "admin"
"""The Department of Education and Training's administrators: every learner."""
AREA_STAFF = ("centre-staff", "district-officer", "enrolment-officer")
"""Learning-centre staff and district officers: the learners of the localities their token names."""
STAFF = (DEPARTMENT, *AREA_STAFF)
LEARNER = "learner"
"""A learner: their own record only (the token's subject is their learner id). City systems: no access."""


def reach_of(caller: Principal) -> Reach:
    """The records this caller may see and change."""
    if DEPARTMENT in caller.roles:
        return EVERYTHING
    localities = caller.areas if caller.roles & set(AREA_STAFF) else frozenset()
    return Reach(localities=localities, own_id=_own_id(caller) if LEARNER in caller.roles else None)


def _own_id(caller: Principal) -> UUID | None:
    try:
        return UUID(caller.subject)
    except ValueError:  # a subject that is not a learner id owns no record
        return None


async def _anyone(caller: Annotated[Principal, Depends(require(LEARNER, *STAFF))]) -> Reach:
    return reach_of(caller)


async def _staff(caller: Annotated[Principal, Depends(require(*STAFF))]) -> Reach:
    return reach_of(caller)


AnyCaller = Annotated[Reach, Depends(_anyone)]
"""A learner or staff member, as their reach."""
StaffCaller = Annotated[Reach, Depends(_staff)]
"""Staff only (registering and listing learners), as their reach."""
