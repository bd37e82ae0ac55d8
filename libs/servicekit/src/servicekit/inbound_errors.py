"""Per-source error report: dead-lettered and refused inbound messages counted by sender, topic and code."""

import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Protocol

import asyncpg
from contracts.rights import principal_of_source

from servicekit.db import UnitOfWork
from servicekit.metrics import ServiceMetrics

log = logging.getLogger(__name__)
UNKNOWN_SOURCE = "unknown"
"""The source of a message whose ``ce_source`` is missing or names no declared principal."""
_UPSERT = """
INSERT INTO inbound_errors (source, topic, code, count) VALUES ($1, $2, $3, 1)
ON CONFLICT (source, topic, code) DO UPDATE SET count = inbound_errors.count + 1, last_at = now()
"""


_HANDLING: ContextVar[tuple[str, str, ServiceMetrics] | None] = ContextVar("handling", default=None)
"""(sender, topic, metrics) of the event whose handler is running, for `count_refusal`."""


@dataclass(frozen=True)
class InboundError:
    """One line of the report: a sender's messages on a topic that failed for one reason code."""

    source: str
    topic: str
    code: str
    count: int
    first_at: datetime
    last_at: datetime


def source_of(headers: Sequence[tuple[str, bytes]]) -> str:
    """The declared principal whose ``ce_source`` the headers carry, else ``unknown``.

    The raw header is never stored or labelled: a sender chooses it, so it could hold anything.
    """
    raw = next((value for name, value in headers if name == "ce_source"), b"")
    known = principal_of_source(raw.decode("utf-8", errors="replace"))
    return known.name if known is not None else UNKNOWN_SOURCE


async def count_error(
    conn: asyncpg.Connection, metrics: ServiceMetrics | None, source: str, topic: str, code: str
) -> None:
    """Count one failed message of `source` on `topic` (in the caller's transaction) and in the metric."""
    await conn.execute(_UPSERT, source, topic, code)
    if metrics is not None:
        metrics.inbound_errors.labels(source, topic, code).inc()


@contextmanager
def handling(record: Any, metrics: ServiceMetrics) -> Iterator[None]:
    """While a handler runs: the sender and topic of its event, for `count_refusal` (the engine sets it)."""
    token = _HANDLING.set((source_of(record.headers), record.topic, metrics))
    try:
        yield
    finally:
        _HANDLING.reset(token)


class CountedRefusal(Protocol):
    """The marker of a refusal that a handler raises for a valid event it cannot apply (say, about something
    the service does not know): the engine counts it in the sender's error report under `kind`, and the event
    is done: not retried, not dead-lettered, so the partition and the key go on.

    Matched by class attributes alone, so a pure domain exception carries it without importing the kit:
    `kind = "enrolment-not-found"` and `count_not_dead_letter = True`.
    """

    kind: ClassVar[str]
    count_not_dead_letter: ClassVar[bool]


def refusal_code(exc: BaseException) -> str | None:
    """The code to count `exc` under when it is a `CountedRefusal`, else None."""
    kind = getattr(exc, "kind", None)
    marked = getattr(exc, "count_not_dead_letter", False) is True
    return kind if marked and isinstance(kind, str) and kind else None


async def counting_refusals(
    handler: Callable[[Any, Any], Awaitable[None]], event: Any, uow: UnitOfWork
) -> None:
    """Run a handler inside `handling`; a `CountedRefusal` it raises is counted in its transaction (the
    handler's own unit of work, if it opened one, has rolled back to its savepoint); anything else raises."""
    try:
        await handler(event, uow)
    except Exception as exc:
        code = refusal_code(exc)
        if code is None:
            raise
        await count_refusal(uow, code)


async def count_refusal(uow: UnitOfWork, code: str) -> None:
    """From a handler: count the event being handled as refused (`code`) without dead-lettering it.

    For a valid event the service cannot apply (say, about something it does not know): the sender sees it
    in its error report, and the partition and the key go on. Outside a handler it does nothing.
    """
    current = _HANDLING.get()
    if current is not None:
        source, topic, metrics = current
        await count_error(uow.connection, metrics, source, topic, code)


class ErrorCounter:
    """Counts each dead letter of a consumer group under its sender, in its own short transaction."""

    def __init__(self, uow: Callable[[], UnitOfWork], metrics: ServiceMetrics) -> None:
        self._uow, self._metrics = uow, metrics

    async def dead_lettered(self, record: Any, code: str) -> None:
        """Count a record just dead-lettered; a failure here is logged, never stops the partition."""
        try:
            async with self._uow() as uow:
                await count_error(
                    uow.connection, self._metrics, source_of(record.headers), record.topic, code
                )
        except Exception as exc:  # the letter is safe in the DLQ: a missed count must not resend it
            log.warning("inbound error not counted", extra={"error": type(exc).__name__})


async def error_report(conn: asyncpg.Connection, source: str | None) -> list[InboundError]:
    """The report, for one source or (None) every source, most recent first."""
    rows = await conn.fetch(
        "SELECT source, topic, code, count, first_at, last_at FROM inbound_errors"
        " WHERE $1::text IS NULL OR source = $1 ORDER BY last_at DESC, source, topic, code",
        source,
    )
    return [InboundError(**dict(row)) for row in rows]
