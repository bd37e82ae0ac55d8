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
        rows = [
            (f.enrolment_id, f.course_id, f.learner_id, f.confirmed_at, f.locality_code, f.event_id)
            for f in facts
        ]
        if not rows:
            return
        await self._conn.execute(  # one statement for the batch: a column array per field
            "INSERT INTO enrolment_facts"
            " (enrolment_id, course_id, learner_id, confirmed_at, locality_code, event_id) SELECT * FROM"
            " unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[])"
            " ON CONFLICT (enrolment_id) DO NOTHING",
            *map(list, zip(*rows, strict=True)),
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
