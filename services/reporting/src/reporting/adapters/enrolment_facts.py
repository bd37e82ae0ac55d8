"""SQL for the enrolment-fact projection and the participation counts read from it."""

from collections.abc import Sequence
from datetime import datetime

from servicekit.db import Repository

from reporting.domain.learners import EnrolmentFact
from reporting.domain.participation import ParticipantCounts


class SqlEnrolmentFacts(Repository):
    """Confirmed enrolments, joined to learner dimensions only when read."""

    async def add(self, facts: Sequence[EnrolmentFact]) -> None:
        """Store the facts; one already stored is left as it is."""
        await self._conn.executemany(
            "INSERT INTO enrolment_facts"
            " (enrolment_id, course_id, learner_id, confirmed_at, locality_code, event_id)"
            " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (enrolment_id) DO NOTHING",
            [
                (f.enrolment_id, f.course_id, f.learner_id, f.confirmed_at, f.locality_code, f.event_id)
                for f in facts
            ],
        )

    async def participants(self, since: datetime, until: datetime) -> ParticipantCounts:
        """Distinct learners with dimensions and an enrolment in [since, until), by band, sex, locality."""
        rows = await self._conn.fetch(
            "SELECT d.age_band, d.sex, d.locality_code, count(DISTINCT f.learner_id) AS n"
            " FROM enrolment_facts f JOIN learner_dimensions d USING (learner_id)"
            " WHERE f.confirmed_at >= $1 AND f.confirmed_at < $2 AND d.age_band IS NOT NULL"
            " GROUP BY 1, 2, 3",
            since,
            until,
        )
        return {(r["age_band"], r["sex"], r["locality_code"]): r["n"] for r in rows}
