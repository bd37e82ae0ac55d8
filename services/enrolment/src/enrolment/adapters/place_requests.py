"""SQL for the read before a place is decided: learner, teacher profile, enrolled?, locked offering."""

from uuid import UUID

from servicekit.db import Repository

from enrolment.adapters import learners, offerings
from enrolment.adapters.teacher_profiles import profile_of
from enrolment.app.ports import PlaceRequest

_OFFERING = offerings.COLUMNS.replace("id, ", "id AS offering_row_id, ", 1)
# The offering's lock is taken in this statement; the learner's rows are read on the statement's snapshot
# (as separate reads before the lock were). READ COMMITTED re-reads a locked row that another transaction
# changed before it let go, so the seats counted here are the latest. A learner enrolled by a request that
# raced past this read is refused by the unique index at commit.
_READ = (
    f"SELECT o.*, {', '.join('l.' + c.strip() for c in learners.COLUMNS.split(','))}, "
    "t.level, t.qualification, t.retires_on, "
    "EXISTS (SELECT 1 FROM enrolments e WHERE e.offering_id = $1 AND e.learner_id = $2) AS enrolled "
    f"FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT {_OFFERING} FROM offerings WHERE id = $1 FOR UPDATE) "
    "AS o ON true LEFT JOIN learners l ON l.id = $2 LEFT JOIN teacher_profiles t ON t.learner_id = $2"
)


class SqlPlaceRequests(Repository):
    """The read of `PlaceRequests`; the learner and teacher profile are tracked as their own reads are."""

    async def read(self, offering_id: UUID, learner_id: UUID) -> PlaceRequest:
        """Learner, teacher profile, whether enrolled, and the offering locked for update."""
        row = await self._conn.fetchrow(_READ, offering_id, learner_id)
        assert row is not None  # one row always: the offering and the learner are outer-joined to it
        learner = self._seen(learners.learner_of(row)) if row["id"] is not None else None
        teacher = None
        if learner is not None and row["level"] is not None:
            teacher = self._seen(profile_of(learner_id, row))
        offering = None
        if row["offering_row_id"] is not None:
            offering = offerings.offering_of(row, "offering_row_id")
        return PlaceRequest(learner, teacher, learner is not None and row["enrolled"], offering)
