"""Ports every service's use cases may depend on: the unit of work, the clock and the id source."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID, uuid4


class UnitOfWorkPort(Protocol):
    """One transaction: `async with uow:` commits on success; entered again while open, it joins."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class Clock(Protocol):
    """Tells the time; injected so that use cases are testable at a fixed instant."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class IdSource(Protocol):
    """Makes new ids; injected so that use cases are testable with known ids."""

    def new_id(self) -> UUID:
        """A new unique id."""
        ...


class SystemClock:
    """The wall clock, in UTC."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)


class RandomIds:
    """Random (version 4) UUIDs."""

    def new_id(self) -> UUID:
        """A new random UUID."""
        return uuid4()


@dataclass(frozen=True)
class Dependencies:
    """What bootstrap injects into use cases besides the unit of work."""

    clock: Clock = field(default_factory=SystemClock)
    ids: IdSource = field(default_factory=RandomIds)
