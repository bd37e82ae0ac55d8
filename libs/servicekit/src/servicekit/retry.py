"""Bounded exponential backoff and the line between transient, infrastructure and permanent failures."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import asyncpg

from servicekit.db import UnitOfWork


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help: the event is dead-lettered at once with this reason."""


# Raised by our own database as well as by anything else a handler calls: decided by probing the database.
# A statement cancelled by statement_timeout (57014) is usually the event's own slow query.
AMBIGUOUS_ERRORS: tuple[type[BaseException], ...] = (OSError, TimeoutError, asyncpg.QueryCanceledError)
# SQLSTATE classes that describe the server, not the statement: connection exception, insufficient
# resources, operator intervention (shutdown, restart), system error; and 25006, a read-only server.
_SERVER_SQLSTATE_CLASSES = frozenset({"08", "53", "57", "58"})
_QUERY_CANCELED = "57014"  # statement_timeout or a cancel request: ambiguous, see AMBIGUOUS_ERRORS


def is_own_database_failure(exc: BaseException) -> bool:
    """True when our own PostgreSQL (not the event) is the cause: redeliver, never dead-letter."""
    if isinstance(exc, asyncpg.InterfaceError):  # includes a connection that closed under us
        return True
    sqlstate = getattr(exc, "sqlstate", None) if isinstance(exc, asyncpg.PostgresError) else None
    if sqlstate is None or sqlstate == _QUERY_CANCELED:
        return False
    return sqlstate[:2] in _SERVER_SQLSTATE_CLASSES or sqlstate == "25006"


async def own_infrastructure_failed(exc: BaseException, uow: Callable[[], UnitOfWork]) -> bool:
    """Our database's own answers say so, or an ambiguous error meets a database that does not answer."""
    if is_own_database_failure(exc):
        return True
    if not isinstance(exc, AMBIGUOUS_ERRORS):
        return False
    try:  # a timeout, OSError or cancelled statement may be the handler's own doing: ask our database
        async with asyncio.timeout(5), uow() as probe:
            await probe.connection.execute("SELECT 1")
    except Exception:
        return True
    return False


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


def failure_code(exc: BaseException) -> str:
    """The DLQ code of a handler failure."""
    return "rejected_by_handler" if isinstance(exc, PermanentError) else "handler_failed"


def failure_reason(exc: BaseException, attempts: int) -> str:
    """A DLQ reason that names the error type only: exception messages may carry personal data."""
    if isinstance(exc, PermanentError):
        return f"rejected by handler: {exc}"
    return f"handler failed after {attempts} attempts: {type(exc).__name__}"
