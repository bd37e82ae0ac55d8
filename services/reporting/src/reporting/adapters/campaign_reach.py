"""SQL for the message-fact projection, campaign reach counts and their dated snapshots."""

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime

import asyncpg
from servicekit.db import Repository

from reporting.adapters.snapshot_table import hold_publishing, keep_first
from reporting.domain.campaign_reach import ReachBreakdown, ReachCell, ReachCounts
from reporting.domain.message_facts import MessageFact

INDICATOR = "campaign-reach"
_SEGMENTS: dict[ReachBreakdown, tuple[str, str]] = {  # fixed SQL per breakdown, never a caller's text
    "locality": ("coalesce(d.locality_code, 'unknown')", ""),
    "sex": (
        "CASE WHEN d.sex IN ('female', 'male') THEN d.sex WHEN d.sex IS NULL THEN 'unknown' ELSE 'other' END",
        "",
    ),
    "support_category": ("g", ", unnest(d.support_categories) AS g"),
}
_REACH = """
WITH reached AS (
    SELECT learner_id, min(at) AS first_at, count(*) FILTER (WHERE outcome = 'sent') AS sent,
           count(*) FILTER (WHERE outcome = 'failed') AS failed,
           count(*) FILTER (WHERE outcome = 'delivered') AS delivered,
           count(*) FILTER (WHERE outcome = 'opened') AS opened
    FROM message_facts WHERE kind = $1 AND at >= $2 AND at < $3 GROUP BY learner_id
), people AS (
    SELECT m.*, EXISTS (
        SELECT 1 FROM enrolment_records r WHERE r.learner_id = m.learner_id AND r.seated_at >= m.first_at
          AND r.seated_at < least(m.first_at + make_interval(days => $4), $3)
    ) AS converted
    FROM reached m
)
SELECT {segment} AS grp, count(*) AS recipients, sum(sent)::bigint AS sent, sum(failed)::bigint AS failed,
       sum(delivered)::bigint AS delivered, sum(opened)::bigint AS opened,
       count(*) FILTER (WHERE converted) AS converted
FROM people p LEFT JOIN learner_dimensions d USING (learner_id){join}
"""


class SqlCampaignReach(Repository):
    """Delivery outcomes as facts; reach joined to enrolments and learner dimensions only when read."""

    async def add(self, facts: Sequence[MessageFact]) -> None:
        """Store the facts; one already stored is left as it is."""
        rows = [
            (f.delivery_id, f.outcome, f.message_id, f.learner_id, f.kind, f.channel, f.at) for f in facts
        ]
        await self._conn.execute(  # one statement for the batch: a column array per field
            "INSERT INTO message_facts SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[],"
            " $5::text[], $6::text[], $7::timestamptz[]) ON CONFLICT DO NOTHING",
            *map(list, zip(*rows, strict=True)),
        )

    async def counts(
        self, by: ReachBreakdown, kind: str, since: datetime, until: datetime, days: int
    ) -> tuple[dict[str, ReachCounts], ReachCounts]:
        """Per segment and in total: recipients, sent, failed and converted within `days`."""
        segment, join = _SEGMENTS[by]
        args = (kind, since, until, days)
        rows = await self._conn.fetch(_REACH.format(segment=segment, join=join) + " GROUP BY 1", *args)
        total = await self._conn.fetchrow(_REACH.format(segment="'all'", join=""), *args)
        groups = {r["grp"]: _counts(r) for r in rows}
        return groups, _counts(total) if total else ReachCounts(0, 0, 0, 0, 0, 0)

    async def published(self, key: str, until: date) -> tuple[datetime, list[ReachCell]] | None:
        """The snapshot (when published, and its cells) for this key and period end, if any."""
        row = await self._conn.fetchrow(
            "SELECT body, published_at FROM indicator_snapshots"
            " WHERE indicator = $1 AND breakdown = $2 AND period_end = $3",
            *(INDICATOR, key, until),
        )
        if row is None:
            return None
        return row["published_at"], [ReachCell(**c) for c in json.loads(row["body"])["cells"]]

    async def overlapping(self, kind: str, since: date, until: date) -> list[tuple[str, list[ReachCell]]]:
        """(key, cells) of every other snapshot of messages of `kind` whose 12 months overlap [since, until).

        Holds the indicator's publishing lock (`hold_publishing`) until commit.
        """
        await hold_publishing(self._conn, INDICATOR)
        rows = await self._conn.fetch(
            "SELECT breakdown, body FROM indicator_snapshots WHERE indicator = $1"
            " AND split_part(breakdown, '/', 2) = $2 AND period_end > $3"
            " AND period_end - interval '12 months' < $4 ORDER BY period_end, breakdown",
            *(INDICATOR, kind, since, until),
        )
        return [(r["breakdown"], [ReachCell(**c) for c in json.loads(r["body"])["cells"]]) for r in rows]

    async def publish(self, key: str, until: date, cells: list[ReachCell], at: datetime) -> None:
        """Keep these cells unless a snapshot exists already (a concurrent first query)."""
        body = json.dumps({"cells": [asdict(c) for c in cells]})
        await keep_first(self._conn, INDICATOR, key, until, body, at)


def _counts(row: asyncpg.Record) -> ReachCounts:
    sent, failed, delivered, opened = (row[m] or 0 for m in ("sent", "failed", "delivered", "opened"))
    return ReachCounts(row["recipients"], sent, failed, row["converted"], delivered, opened)
