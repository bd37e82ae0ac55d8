"""SQL for offerings (content's events) and the claim of an offering whose reminders are due."""

from datetime import date
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.offering import Offering

_COLUMNS = "offering_id, course_id, theme, starts_on, status, revision"
_UPSERT = (
    f"INSERT INTO offerings ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (offering_id) DO UPDATE"
    " SET (course_id, theme, starts_on, status, revision) = (EXCLUDED.course_id, EXCLUDED.theme,"
    " EXCLUDED.starts_on, EXCLUDED.status, EXCLUDED.revision)"
    " WHERE offerings.revision < EXCLUDED.revision"  # a late, older revision never wins
)
# SKIP LOCKED: several instances each take a different offering; the messages' uniqueness per (reminder of
# this start date, learner) stops a double even if a marker were lost.
_DUE = (
    f"SELECT {_COLUMNS} FROM offerings WHERE status IN ('open', 'closed') AND starts_on BETWEEN $1 AND $2"
    " AND reminded_for IS DISTINCT FROM starts_on ORDER BY starts_on LIMIT 1 FOR UPDATE SKIP LOCKED"
)


class SqlOfferings(Repository):
    """Offerings in the notifications database."""

    async def save(self, o: Offering) -> None:
        """Insert or update the offering (unless a newer revision is stored)."""
        await self._conn.execute(
            _UPSERT, o.offering_id, o.course_id, o.theme, o.starts_on, o.status, o.revision
        )

    async def claim_to_remind(self, first: date, last: date) -> Offering | None:
        """A running offering starting between the dates, not yet reminded for that start, locked; or None."""
        row = await self._conn.fetchrow(_DUE, first, last)
        return None if row is None else _offering(row)

    async def reminded(self, offering_id: UUID, starts_on: date) -> None:
        """Its reminders for this start date are recorded."""
        await self._conn.execute(
            "UPDATE offerings SET reminded_for = $2 WHERE offering_id = $1", offering_id, starts_on
        )


def _offering(row: Any) -> Offering:
    return Offering(**dict(row))
