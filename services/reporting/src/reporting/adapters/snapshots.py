"""SQL for the published indicator snapshots (the participation table as JSON, never rewritten)."""

import json
from dataclasses import asdict
from datetime import date, datetime

from asyncpg import Record
from servicekit.db import Repository

from reporting.adapters.snapshot_table import hold_publishing, keep_first
from reporting.domain.participation_tables import IndicatorCell, Participation, ParticipationTable

INDICATOR = "sdg-4.3.1"


class SqlSnapshots(Repository):
    """The first published participation table per breakdown and period end; later ones are not kept."""

    async def get(self, by: str, until: date) -> Participation | None:
        """The snapshot published for this breakdown and period end, if any."""
        row = await self._conn.fetchrow(
            "SELECT body, period_end, published_at FROM indicator_snapshots"
            " WHERE indicator = $1 AND breakdown = $2 AND period_end = $3",
            INDICATOR,
            by,
            until,
        )
        return None if row is None else _participation(row)

    async def overlapping(self, since: date, until: date) -> list[Participation]:
        """Every breakdown's snapshot of another period end whose period overlaps [since, until).

        Holds the indicator's publishing lock (`hold_publishing`) until commit.
        """
        await hold_publishing(self._conn, INDICATOR)
        rows = await self._conn.fetch(
            "SELECT body, period_end, published_at FROM indicator_snapshots"
            " WHERE indicator = $1 AND period_end <> $3 AND period_end > $2"
            " AND (body->>'since')::date < $3 ORDER BY period_end, breakdown",
            INDICATOR,
            since,
            until,
        )
        return [_participation(r) for r in rows]

    async def publish(self, by: str, result: Participation, at: datetime) -> Participation:
        """Keep `result` unless a snapshot exists already (a concurrent first query); return the kept one."""
        body = {
            "since": result.since.isoformat(),
            "cells": [asdict(c) for c in result.table.cells],
            "gender_parity": result.table.gender_parity,
        }
        await keep_first(self._conn, INDICATOR, by, result.until, json.dumps(body), at)
        kept = await self.get(by, result.until)
        if kept is None:  # cannot happen: written or already there, seen by this transaction
            raise RuntimeError("indicator snapshot missing after publishing it")
        return kept


def _participation(row: Record) -> Participation:
    body = json.loads(row["body"])
    table = ParticipationTable([IndicatorCell(**c) for c in body["cells"]], body["gender_parity"])
    return Participation(date.fromisoformat(body["since"]), row["period_end"], table, row["published_at"])
