"""In-memory stand-ins for use-case unit tests (cosmicpython's FakeUnitOfWork): the same nesting and
event-collection rules as the SQL unit of work, no database. Never used by the services themselves."""

import copy
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Generic, Self, TypeVar
from uuid import UUID

K = TypeVar("K")
V = TypeVar("V")


class FakeRepository(Generic[K, V]):
    """Aggregates in a dict; a subclass adds the port's methods on `items` and calls `seen` as SQL does."""

    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.items: dict[K, V] = {}
        self._uow = uow

    def seen(self, aggregate: V) -> V:
        """Track the aggregate, as the SQL repositories do on get and add."""
        self._uow.track(aggregate)
        return aggregate


class FakeUnitOfWork:
    """Commits by keeping the repositories' dicts; rolls back by restoring them. Entered while open it
    joins (like a savepoint). `published` holds the domain events collected from tracked aggregates."""

    def __init__(self) -> None:
        self.published: list[Any] = []
        self.commits = 0
        self._levels: list[tuple[dict[str, Any], list[Any]]] = []

    def track(self, aggregate: Any) -> None:
        """Remember an aggregate seen in this transaction."""
        seen = self._levels[-1][1]
        if all(aggregate is not known for known in seen):
            seen.append(aggregate)

    def _repositories(self) -> dict[str, FakeRepository[Any, Any]]:
        return {name: r for name, r in vars(self).items() if isinstance(r, FakeRepository)}

    async def __aenter__(self) -> Self:
        snapshot = {name: copy.deepcopy(r.items) for name, r in self._repositories().items()}
        self._levels.append((snapshot, []))
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        snapshot, seen = self._levels.pop()
        if exc_type is not None:
            for name, repository in self._repositories().items():
                repository.items = snapshot[name]
            for aggregate in seen:
                aggregate.events.clear()
        elif self._levels:
            self._levels[-1][1].extend(a for a in seen if all(a is not k for k in self._levels[-1][1]))
        else:
            for aggregate in seen:
                self.published.extend(aggregate.events)
                aggregate.events.clear()
            self.commits += 1


class FixedClock:
    """A clock that stands still until moved."""

    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        """The fixed instant."""
        return self.at

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward."""
        self.at += delta


class SequentialIds:
    """Predictable ids: 00000000-0000-0000-0000-000000000001, ...02, ..."""

    def __init__(self) -> None:
        self.issued: list[UUID] = []

    def new_id(self) -> UUID:
        """The next id."""
        self.issued.append(UUID(int=len(self.issued) + 1))
        return self.issued[-1]
