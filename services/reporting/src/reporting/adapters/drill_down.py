"""SQL behind a published cell: its counts recomputed from the projections, its enrolments and events."""

from datetime import datetime
from uuid import UUID

from servicekit.db import Repository

from reporting.domain.drill_down import ParticipantFilter
from reporting.domain.enrolment_indicator import EnrolmentBreakdown

_SEX = "CASE WHEN d.sex IN ('female', 'male') THEN d.sex ELSE 'other' END"
_PARTICIPANTS = (
    " FROM enrolment_facts f JOIN learner_dimensions d USING (learner_id)"
    " WHERE f.confirmed_at >= $1 AND f.confirmed_at < $2 AND d.age_band = ANY($3::text[])"
    f" AND ($4::text[] IS NULL OR {_SEX} = ANY($4::text[])) AND ($5::text IS NULL OR d.locality_code = $5)"
)
_GROUP: dict[EnrolmentBreakdown, str] = {  # fixed SQL per breakdown, never a caller's text
    "sex": "CASE WHEN sex IN ('female', 'male') THEN sex ELSE 'other' END = $3",
    "locality": "locality_code = $3",
    "ethnic_minority": "ethnic_minority::text = $3",
    "support_category": "$3 = ANY(support_categories)",
}
_SEATED = " FROM enrolment_records WHERE seated_at >= $1 AND seated_at < $2 AND ($3 = 'all' OR {})"
_NO_ID = UUID(int=0)
Traced = tuple[UUID, tuple[str, ...]]
"""An enrolment behind a figure and the CloudEvents ids of its events that the projection kept."""


class SqlDrillDown(Repository):
    """Reads only: the rows of the projections that make up one published figure."""

    async def participants(
        self, cell: ParticipantFilter, since: datetime, until: datetime, after: UUID | None, limit: int
    ) -> tuple[dict[str, int], list[Traced]]:
        """Distinct learners and their enrolments in [since, until); up to limit + 1 enrolments, each with
        the id of its confirmation event."""
        args = (since, until, list(cell.age_bands), list(cell.sexes) if cell.sexes else None, cell.locality)
        row = await self._conn.fetchrow(
            f"SELECT count(DISTINCT f.learner_id) AS learners, count(*) AS enrolments{_PARTICIPANTS}", *args
        )
        ids = await self._conn.fetch(
            f"SELECT f.enrolment_id, f.event_id{_PARTICIPANTS} AND f.enrolment_id > $6 ORDER BY 1 LIMIT $7",
            *(*args, after or _NO_ID, limit + 1),
        )
        counts = {"participants": row["learners"], "enrolments": row["enrolments"]} if row else {}
        return counts, [(r["enrolment_id"], (r["event_id"],) if r["event_id"] else ()) for r in ids]

    async def enrolments(
        self,
        by: EnrolmentBreakdown,
        group: str,
        since: datetime,
        until: datetime,
        after: UUID | None,
        limit: int,
    ) -> tuple[dict[str, int], list[Traced]]:
        """Enrolments seated in [since, until) of the group, those completed; up to limit + 1 enrolments,
        each with the ids of its lifecycle events."""
        rows = _SEATED.format(_GROUP[by])
        row = await self._conn.fetchrow(
            "SELECT count(*) AS n, count(*) FILTER (WHERE status = 'completed' AND completed_at < $2)"
            f" AS done{rows}",
            *(since, until, group),
        )
        ids = await self._conn.fetch(
            f"SELECT enrolment_id, event_ids{rows} AND enrolment_id > $4 ORDER BY 1 LIMIT $5",
            *(since, until, group, after or _NO_ID, limit + 1),
        )
        counts = {"enrolments": row["n"], "completions": row["done"]} if row else {}
        return counts, [(r["enrolment_id"], tuple(r["event_ids"])) for r in ids]
