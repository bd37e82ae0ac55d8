"""SQL for teacher attainments, the teacher-standardisation counts and their dated snapshots."""

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from typing import Any

from servicekit.db import Repository

from reporting.adapters.snapshot_table import hold_publishing, keep_first
from reporting.domain.teacher_standard import (
    ATTAINED,
    IN_PROGRAMME,
    ROADMAP_START,
    TeacherAttainment,
    TeacherCell,
    TeacherCounts,
)

INDICATOR = "teacher-standard"
_COUNTS = """
WITH attained AS (
    SELECT learner_id, level FROM teacher_attainments WHERE attained_on >= $2 AND attained_on < $1
), training AS (
    SELECT DISTINCT r.learner_id, o.upgrades_level AS level
    FROM enrolment_records r JOIN offering_dimensions o USING (offering_id)
    WHERE o.upgrades_level IS NOT NULL AND r.seated_at < $3
      AND r.status NOT IN ('withdrawn', 'dropped')
      AND NOT EXISTS (
          SELECT 1 FROM attained a WHERE a.learner_id = r.learner_id AND a.level = o.upgrades_level
      )
)
SELECT level, 'attained' AS measure, count(DISTINCT learner_id) AS n FROM attained GROUP BY level
UNION ALL
SELECT level, 'in_programme', count(*) FROM training GROUP BY level
"""


class SqlTeacherStandard(Repository):
    """Attainments as facts; counts joined from enrolments and offerings only when read."""

    async def add(self, attainments: Sequence[TeacherAttainment]) -> None:
        """Store each attainment; the earliest day of a teacher's level is kept."""
        await self._conn.executemany(
            "INSERT INTO teacher_attainments AS t VALUES ($1, $2, $3) ON CONFLICT (learner_id, level)"
            " DO UPDATE SET attained_on = LEAST(t.attained_on, EXCLUDED.attained_on)",
            [(a.learner_id, a.level, a.attained_on) for a in attainments],
        )

    async def counts(self, until: date) -> TeacherCounts:
        """Distinct teachers per level in an upgrade programme or at the standard, since the roadmap began."""
        midnight = datetime.combine(until, time(), tzinfo=UTC)
        rows = await self._conn.fetch(_COUNTS, until, ROADMAP_START, midnight)
        measures = {"attained": ATTAINED, "in_programme": IN_PROGRAMME}
        return {(r["level"], measures[r["measure"]]): r["n"] for r in rows}

    async def published(self, until: date) -> tuple[datetime, list[TeacherCell]] | None:
        """The snapshot published for this period end (when, and its cells), if any."""
        row = await self._conn.fetchrow(
            "SELECT body, published_at FROM indicator_snapshots"
            " WHERE indicator = $1 AND breakdown = 'level' AND period_end = $2",
            INDICATOR,
            until,
        )
        if row is None:
            return None
        cells = [TeacherCell(**_dated(c)) for c in json.loads(row["body"])["cells"]]
        return row["published_at"], cells

    async def others(self, until: date) -> list[list[TeacherCell]]:
        """The cells of every snapshot of another period end (all overlap: the counts are cumulative).

        Holds the indicator's publishing lock (`hold_publishing`) until commit.
        """
        await hold_publishing(self._conn, INDICATOR)
        rows = await self._conn.fetch(
            "SELECT body FROM indicator_snapshots"
            " WHERE indicator = $1 AND breakdown = 'level' AND period_end <> $2 ORDER BY period_end",
            INDICATOR,
            until,
        )
        return [[TeacherCell(**_dated(c)) for c in json.loads(r["body"])["cells"]] for r in rows]

    async def publish(self, until: date, cells: list[TeacherCell], at: datetime) -> None:
        """Keep these cells unless a snapshot exists already (a concurrent first query)."""
        body = json.dumps({"cells": [asdict(c) for c in cells]}, default=date.isoformat)
        await keep_first(self._conn, INDICATOR, "level", until, body, at)


def _dated(cell: dict[str, Any]) -> dict[str, Any]:
    by = cell["target_by"]
    return {**cell, "target_by": date.fromisoformat(by) if isinstance(by, str) else None}
