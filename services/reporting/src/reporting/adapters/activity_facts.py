"""SQL for the activity-fact projection (learning activity reported by city systems)."""

from collections.abc import Sequence

from servicekit.db import Repository

from reporting.domain.activity import ActivityFact


class SqlActivityFacts(Repository):
    """Reported activity, one row per fact; a repeated fact is left as it is."""

    async def add(self, facts: Sequence[ActivityFact]) -> None:
        """Store the facts; one already stored is left as it is."""
        await self._conn.execute(  # one statement for the batch: a column array per field
            "INSERT INTO activity_facts (learner_id, kind, ref, occurred_at)"
            " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])"
            " ON CONFLICT DO NOTHING",
            [f.learner_id for f in facts],
            [str(f.kind) for f in facts],
            [f.ref for f in facts],
            [f.occurred_at for f in facts],
        )

    async def counts(self) -> dict[str, int]:
        """Facts per kind."""
        rows = await self._conn.fetch("SELECT kind, count(*) AS n FROM activity_facts GROUP BY kind")
        return {r["kind"]: r["n"] for r in rows}
