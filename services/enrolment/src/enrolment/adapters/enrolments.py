"""SQL for learners' enrolments on offerings (the domain's places)."""

from uuid import UUID

import asyncpg
from servicekit.db import Repository

from enrolment.domain.dimensions import Dimensions, LearnerType, Sex, SupportCategory
from enrolment.domain.lifecycle import Place, Status
from enrolment.domain.offering import Applicant

COLUMNS = (
    "id, offering_id, course_id, learner_id, status, requested_at, progress, outcome, certificate_id, age, "
    "sex, age_band, locality_code, ethnic_minority, support_categories, learner_type"
)
_INSERT = f"INSERT INTO enrolments ({COLUMNS}) VALUES ({', '.join(f'${i}' for i in range(1, 17))})"


class SqlEnrolments(Repository):
    """Enrolments in the enrolment database; what is added or read is tracked for its events."""

    async def add(self, place: Place) -> None:
        """Insert at commit, with the outbox rows (one round trip for all); a second enrolment of the same
        learner on the same offering fails the commit with AlreadyEnrolled (see `SqlUnitOfWork`)."""
        a, d = place.applicant, place.applicant.dimensions
        self._uow.later(
            _INSERT,
            *(place.id, place.offering_id, place.course_id, a.learner_id, place.status.value),
            *(place.requested_at, place.progress, place.outcome, place.certificate_id, a.age),
            *(d.sex.value, d.age_band, d.locality_code, d.ethnic_minority),
            *(sorted(d.support_categories), d.learner_type.value),
        )
        self._seen(place)

    async def exists(self, offering_id: UUID, learner_id: UUID) -> bool:
        """True when the learner already has an enrolment on the offering (in any state)."""
        sql = "SELECT 1 FROM enrolments WHERE offering_id = $1 AND learner_id = $2"
        return await self._conn.fetchval(sql, offering_id, learner_id) is not None

    async def id_of(self, offering_id: UUID, learner_id: UUID) -> UUID | None:
        """The id of the learner's enrolment on the offering, or None."""
        sql = "SELECT id FROM enrolments WHERE offering_id = $1 AND learner_id = $2"
        found: UUID | None = await self._conn.fetchval(sql, offering_id, learner_id)
        return found

    async def get(self, enrolment_id: UUID, *, for_update: bool = False) -> Place | None:
        """An enrolment, or None; `for_update` locks it until the transaction ends."""
        lock = " FOR UPDATE" if for_update else ""
        row = await self._conn.fetchrow(f"SELECT {COLUMNS} FROM enrolments WHERE id = $1{lock}", enrolment_id)
        return self._seen(place_of(row)) if row else None

    async def waitlist(self, offering_id: UUID) -> list[Place]:
        """The offering's waitlisted enrolments, in the order they asked, locked (one may be promoted)."""
        rows = await self._conn.fetch(
            f"SELECT {COLUMNS} FROM enrolments WHERE offering_id = $1 AND status = 'waitlisted' "
            "ORDER BY requested_at, id FOR UPDATE",
            offering_id,
        )
        return [self._seen(place_of(row)) for row in rows]

    async def save(self, place: Place) -> None:
        """Store the state, progress and outcome."""
        await self._conn.execute(
            "UPDATE enrolments SET status = $2, progress = $3, outcome = $4, certificate_id = $5 "
            "WHERE id = $1",
            *(place.id, place.status.value, place.progress, place.outcome, place.certificate_id),
        )

    async def forget_categories(self, learner_id: UUID) -> None:
        """Erasure: flags that tell ethnicity, disability or poverty go; sex, age band, locality stay."""
        await self._conn.execute(
            "UPDATE enrolments SET ethnic_minority = false, support_categories = '{}' WHERE learner_id = $1",
            learner_id,
        )


def place_of(row: asyncpg.Record) -> Place:
    """An enrolment from its row."""
    dims = Dimensions(
        Sex(row["sex"]),
        row["age_band"],
        row["locality_code"],
        row["ethnic_minority"],
        frozenset(SupportCategory(c) for c in row["support_categories"]),
        LearnerType(row["learner_type"]),
    )
    return Place(
        row["id"],
        row["offering_id"],
        Applicant(row["learner_id"], dims, row["age"]),
        Status(row["status"]),
        row["requested_at"],
        row["progress"],
        course_id=row["course_id"],
        outcome=row["outcome"],
        certificate_id=row["certificate_id"],
    )
