"""Ports of the xAPI statement store: writes with their announcements, and the standard reads."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from reporting.domain.xapi import NewStatement, ReportedActivity
from reporting.domain.xapi_query import StatementQuery


class Statements(Protocol):
    """xAPI statements as sent, by id; the learning activity of those about known learners."""

    async def hashes_of(self, statement_ids: Sequence[UUID]) -> dict[UUID, str]:
        """The content hashes of those stored; locks them until the transaction ends."""
        ...

    async def known_learners(self, learners: Iterable[UUID]) -> set[UUID]:
        """Those of `learners` reporting knows (registered, not erased); holds them until commit."""
        ...

    async def add(self, client: str, statements: Sequence[NewStatement], at: datetime) -> set[UUID]:
        """Store the statements; the ids inserted (one stored meanwhile is left as it is)."""
        ...

    def announce(self, activities: Iterable[ReportedActivity]) -> None:
        """Announce learning activity of known learners (outbox, this transaction)."""

    async def match_learners(self, learners: Sequence[UUID]) -> int:
        """Announce the statements waiting for these learners, now known; each once. How many."""
        ...

    async def get(self, statement_id: UUID, client: str | None) -> dict[str, Any] | None:
        """One statement; with `client`, only if that client sent it."""
        ...


class StatementQueries(Protocol):
    """Stored xAPI statements read with the standard filters."""

    async def page(self, query: StatementQuery, size: int) -> list[dict[str, Any]]:
        """Up to `size` statements matching `query`, after its keyset position, in its order."""
        ...

    async def consistent_through(self) -> datetime:
        """The time up to which every statement stored is visible to this reader."""
        ...
