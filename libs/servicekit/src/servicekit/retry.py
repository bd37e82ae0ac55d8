"""Bounded exponential backoff and the line between transient, infrastructure and permanent failures."""

import asyncio
from dataclasses import dataclass

import asyncpg


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help: the event is dead-lettered at once with this reason."""


# Failures of the service's own infrastructure: never dead-letter for these, redeliver instead.
INFRASTRUCTURE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.TooManyConnectionsError,
)


@dataclass(frozen=True)
class Backoff:
    """Delay before attempt n+1: initial * 2**(n-1), capped."""

    max_attempts: int = 5
    initial_seconds: float = 0.2
    max_seconds: float = 5.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        return float(min(self.max_seconds, self.initial_seconds * 2 ** (attempt - 1)))

    async def wait(self, attempt: int) -> None:
        """Sleep the delay for `attempt`."""
        await asyncio.sleep(self.delay(attempt))


def failure_reason(exc: BaseException, attempts: int) -> str:
    """A DLQ reason that names the error type only: exception messages may carry personal data."""
    if isinstance(exc, PermanentError):
        return f"rejected by handler: {exc}"
    return f"handler failed after {attempts} attempts: {type(exc).__name__}"
