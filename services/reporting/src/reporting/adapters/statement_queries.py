"""SQL for reading stored xAPI statements with the standard filters, a keyset page at a time."""

import json
from datetime import datetime
from typing import Any

from servicekit.db import Repository

from reporting.domain.xapi_query import StatementQuery

_FILTERS = (
    "($1::text IS NULL OR client = $1)"
    " AND ($2::jsonb IS NULL OR body->'actor' @> $2::jsonb)"
    " AND ($3::text IS NULL OR body->'verb'->>'id' = $3)"
    " AND ($4::text IS NULL OR body->'object'->>'id' = $4)"
    " AND ($5::text IS NULL OR lower(body->'context'->>'registration') = $5)"
    " AND ($6::timestamptz IS NULL OR stored > $6)"
    " AND ($7::timestamptz IS NULL OR stored <= $7)"
)
# One text per direction: the row comparison and ORDER BY must agree for the keyset to be right.
_PAGE = {
    ascending: f"SELECT body FROM xapi_statements WHERE {_FILTERS}"
    f" AND ($8::timestamptz IS NULL OR (stored, id) {op} ($8, $9::uuid))"
    f" ORDER BY stored {order}, id {order} LIMIT $10"
    for ascending, op, order in ((True, ">", "ASC"), (False, "<", "DESC"))
}
# Every statement stored before the oldest transaction still open here is visible: writers take the
# stored time inside their transaction, after it began.
_CONSISTENT_THROUGH = (
    "SELECT least(now(), min(xact_start)) FROM pg_stat_activity"
    " WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
)


class SqlStatementQueries(Repository):
    """Pages of stored statements, as sent plus `stored`."""

    async def page(self, query: StatementQuery, size: int) -> list[dict[str, Any]]:
        """Up to `size` statements matching `query`, after its keyset position, in its order."""
        after_stored, after_id = query.after or (None, None)
        rows = await self._conn.fetch(
            _PAGE[query.ascending],
            query.client,
            json.dumps(query.agent) if query.agent is not None else None,
            query.verb,
            query.activity,
            str(query.registration) if query.registration else None,
            query.since,
            query.until,
            after_stored,
            after_id,
            size,
        )
        return [json.loads(row["body"]) for row in rows]

    async def consistent_through(self) -> datetime:
        """The time up to which every statement stored is visible to this reader."""
        at: datetime = await self._conn.fetchval(_CONSISTENT_THROUGH)
        return at
