"""Use case of the xAPI Statement API: read statements with the standard filters, a page at a time."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from reporting.app.ports import UnitOfWork
from reporting.domain.xapi_query import StatementQuery


@dataclass(frozen=True)
class StatementPage:
    """A page of statements, where the next starts (None: this is the last) and the consistency time."""

    statements: list[dict[str, Any]]
    next_after: tuple[datetime, UUID] | None
    consistent_through: datetime


async def query_statements(query: StatementQuery, uow: UnitOfWork) -> StatementPage:
    """The page `query` asks for; one more row is read to know whether another page follows."""
    async with uow:
        through = await uow.statement_queries.consistent_through()  # first: nothing later is promised
        rows = await uow.statement_queries.page(query, query.limit + 1)
    page = rows[: query.limit]
    last = page[-1] if page and len(rows) > query.limit else None
    after = (datetime.fromisoformat(last["stored"]), UUID(last["id"])) if last else None
    return StatementPage(page, after, through)
