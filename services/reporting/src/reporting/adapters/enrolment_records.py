"""SQL for the enrolment-lifecycle and support-grant projections, their counts and published snapshots."""

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from uuid import UUID

from servicekit.db import Repository

from reporting.adapters.snapshot_table import hold_publishing, keep_first
from reporting.domain.enrolment_indicator import EnrolmentBreakdown, EnrolmentCell, GroupCounts, Programme
from reporting.domain.enrolment_records import EnrolmentRecord, GrantFact

_COLUMNS = (
    "enrolment_id, course_id, offering_id, learner_id, sex, age_band, locality_code, ethnic_minority, "
    "support_categories, learner_type, status, stage, seated_at, completed_at, outcome, progress, event_ids"
)
_IDS_APART = "\x1f"  # the unit separator joins a record's event ids: one text per row, like the categories
_NAMES = _COLUMNS.replace("support_categories", "categories").replace("event_ids", "ids")  # unnest's
_ARRAYS = (  # unnest's column arrays, in _COLUMNS' order (categories comma-joined: one array per column)
    "unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bool[], "
    "$9::text[], $10::text[], $11::text[], $12::int[], $13::timestamptz[], $14::timestamptz[], $15::text[], "
    "$16::int[], $17::text[])"
)
_UPSERT = (  # a round of distinct enrolments in one statement
    f"INSERT INTO enrolment_records ({_COLUMNS}) SELECT "
    + _COLUMNS.replace("support_categories", "string_to_array(categories, ',')").replace(
        "event_ids", "string_to_array(ids, chr(31))"
    )
    + f" FROM {_ARRAYS} AS e({_NAMES}) "
    "ON CONFLICT (enrolment_id) DO UPDATE SET "
    "status = CASE WHEN EXCLUDED.stage > r.stage THEN EXCLUDED.status ELSE r.status END, "
    "stage = GREATEST(r.stage, EXCLUDED.stage), seated_at = LEAST(r.seated_at, EXCLUDED.seated_at), "
    "completed_at = COALESCE(r.completed_at, EXCLUDED.completed_at), "
    "outcome = COALESCE(r.outcome, EXCLUDED.outcome), progress = GREATEST(r.progress, EXCLUDED.progress), "
    "event_ids = ARRAY(SELECT DISTINCT i FROM unnest(r.event_ids || EXCLUDED.event_ids) AS i ORDER BY 1)"
).replace("INSERT INTO enrolment_records", "INSERT INTO enrolment_records AS r", 1)
_GROUPS: dict[EnrolmentBreakdown, tuple[str, str]] = {  # fixed SQL per breakdown, never a caller's text
    "sex": ("CASE WHEN r.sex IN ('female', 'male') THEN r.sex ELSE 'other' END", ""),
    "locality": ("r.locality_code", ""),
    "ethnic_minority": ("r.ethnic_minority::text", ""),
    "support_category": ("g", ", unnest(r.support_categories) AS g"),
    "domain": ("coalesce(o.theme, 'unknown')", ""),
    "delivery_mode": ("coalesce(o.delivery_mode, 'unknown')", ""),
}
_PROGRAMMES: dict[Programme, str] = {  # fixed SQL per programme: see the domain's definition
    "all": "",
    "vocational_streaming": " AND o.theme = 'vocational_training' AND o.min_age >= 15 AND o.max_age <= 18"
    " AND r.age_band = '15-24'",
}
_BENEFIT_GROUPS = {"support_category": "s.support_category", "locality": "s.locality_code"}
_COUNTS = (
    "count(*) AS n, count(*) FILTER (WHERE r.status = 'completed' AND r.completed_at < $2) AS done, "
    "count(*) FILTER (WHERE o.delivery_mode IN ('online', 'distance')) AS online "
    "FROM enrolment_records r LEFT JOIN offering_dimensions o USING (offering_id){} "
    "WHERE r.seated_at >= $1 AND r.seated_at < $2{}"
)
INDICATOR = "enrolments"


class SqlEnrolmentRecords(Repository):
    """Enrolment records and grants; the indicator's counts and its dated snapshots."""

    async def add(self, records: Sequence[EnrolmentRecord]) -> None:
        """Merge each event into its enrolment's row: later stages win, the earliest seat time is kept.

        One statement per round: the first event of each enrolment, then the second, ... (a statement may
        change a row only once), so each enrolment's events are merged in the batch's order."""
        for round_ in _rounds(records):
            await self._conn.execute(_UPSERT, *map(list, zip(*map(_values, round_), strict=True)))

    async def add_grants(self, grants: Sequence[GrantFact]) -> None:
        """Store the grants; one already stored is left as it is."""
        rows = [
            (g.enrolment_id, g.benefit, g.support_category, g.locality_code, g.granted_on) for g in grants
        ]
        await self._conn.execute(  # one statement for the batch: a column array per field
            "INSERT INTO support_grant_facts SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[],"
            " $4::text[], $5::date[]) ON CONFLICT DO NOTHING",
            *map(list, zip(*rows, strict=True)),
        )

    async def counts(
        self, by: EnrolmentBreakdown, since: datetime, until: datetime, programme: Programme = "all"
    ) -> tuple[dict[str, GroupCounts], GroupCounts]:
        """Per group and in total: enrolments seated in [since, until), those completed before `until`,
        those online or at a distance, and (by support category or locality) benefits granted."""
        (group, join), only = _GROUPS[by], _PROGRAMMES[programme]
        rows = await self._conn.fetch(
            f"SELECT {group} AS grp, {_COUNTS.format(join, only)} GROUP BY 1", since, until
        )
        total = await self._conn.fetchrow(f"SELECT {_COUNTS.format('', only)}", since, until)
        benefits = await self._benefits(by, since.date(), until.date(), only) if by in _BENEFIT_GROUPS else {}
        groups = {
            r["grp"]: GroupCounts(r["n"], r["done"], benefits.pop(r["grp"], 0), r["online"]) for r in rows
        }
        groups |= {k: GroupCounts(0, 0, n) for k, n in benefits.items()}  # granted, nobody seated now
        all_benefits = sum(g.benefits for g in groups.values())
        n, done, online = (total["n"], total["done"], total["online"]) if total else (0, 0, 0)
        return groups, GroupCounts(n, done, all_benefits, online)

    async def _benefits(self, by: str, since: date, until: date, only: str) -> dict[str, int]:
        rows = await self._conn.fetch(
            f"SELECT {_BENEFIT_GROUPS[by]} AS grp, count(*) AS n FROM support_grant_facts s"
            " LEFT JOIN enrolment_records r USING (enrolment_id) LEFT JOIN offering_dimensions o"
            f" USING (offering_id) WHERE s.granted_on >= $1 AND s.granted_on < $2{only} GROUP BY 1",
            since,
            until,
        )
        return {r["grp"]: r["n"] for r in rows}

    async def published(self, by: str, until: date) -> tuple[date, list[EnrolmentCell]] | None:
        """The snapshot (period start and cells) published for this breakdown and period end, if any."""
        body = await self._conn.fetchval(
            "SELECT body FROM indicator_snapshots"
            " WHERE indicator = $1 AND breakdown = $2 AND period_end = $3",
            *(INDICATOR, by, until),
        )
        if body is None:
            return None
        kept = json.loads(body)
        return date.fromisoformat(kept["since"]), [EnrolmentCell(**c) for c in kept["cells"]]

    async def publish(
        self, by: str, since: date, until: date, cells: list[EnrolmentCell], at: datetime
    ) -> None:
        """Keep these cells unless a snapshot exists already (a concurrent first query)."""
        body = json.dumps({"since": since.isoformat(), "cells": [asdict(c) for c in cells]})
        await keep_first(self._conn, INDICATOR, by, until, body, at)

    async def overlapping(
        self, programme: str, since: date, until: date
    ) -> list[tuple[str, list[EnrolmentCell]]]:
        """(breakdown, cells) of every other snapshot of the programme whose period overlaps [since, until).

        Holds the indicator's publishing lock (`hold_publishing`) until commit.
        """
        await hold_publishing(self._conn, INDICATOR)
        rows = await self._conn.fetch(
            "SELECT breakdown, body FROM indicator_snapshots WHERE indicator = $1"
            " AND coalesce(nullif(split_part(breakdown, '/', 2), ''), 'all') = $2 AND period_end <> $4"
            " AND period_end > $3 AND (body->>'since')::date < $4 ORDER BY period_end, breakdown",
            *(INDICATOR, programme, since, until),
        )
        return [
            (r["breakdown"].split("/")[0], [EnrolmentCell(**c) for c in json.loads(r["body"])["cells"]])
            for r in rows
        ]


def _rounds(records: Sequence[EnrolmentRecord]) -> list[list[EnrolmentRecord]]:
    """The k-th round holds each enrolment's k-th record, in order."""
    rounds: list[list[EnrolmentRecord]] = []
    seen: dict[UUID, int] = {}
    for r in records:
        k = seen[r.enrolment_id] = seen.get(r.enrolment_id, -1) + 1
        if k == len(rounds):
            rounds.append([])
        rounds[k].append(r)
    return rounds


def _values(r: EnrolmentRecord) -> tuple[object, ...]:
    return (
        *(r.enrolment_id, r.course_id, r.offering_id, r.learner_id, r.sex, r.age_band, r.locality_code),
        *(r.ethnic_minority, ",".join(r.support_categories), r.learner_type, r.status, r.stage),
        *(r.seated_at, r.completed_at, r.outcome, r.progress, _IDS_APART.join(r.event_ids)),
    )
