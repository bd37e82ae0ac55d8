"""The unit of work (one transaction for state, outbox and inbox) and the repositories' base."""

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self, TypeVar

import asyncpg
from asyncpg.transaction import Transaction
from contracts.event import EventModel
from opentelemetry import context as otel_context
from opentelemetry import trace

from servicekit.outbox import Deferred, OutboxRow, OutboxWriter
from servicekit.pool import create_pool, delete_in_chunks  # re-exported: callers import them from here
from servicekit.telemetry import record_error

OUTBOX_CHANNEL = "outbox"
A = TypeVar("A")
__all__ = ["OUTBOX_CHANNEL", "Repository", "UnitOfWork", "create_pool", "delete_in_chunks"]


@dataclass
class _Level:
    """One `async with` level: the transaction (or savepoint) and what it saw and recorded."""

    tx: Transaction
    rows: list[OutboxRow] = field(default_factory=list)
    seen: list[Any] = field(default_factory=list)
    later: list[Deferred] = field(default_factory=list)


class UnitOfWork:
    """`async with uow:` opens a transaction; on commit the new domain events of every aggregate it has
    seen (through `track`) and the contract events given to `record` go to the outbox, in the same
    transaction.

    The one rule for nesting: entering a unit of work that is already open joins its transaction through
    a savepoint, so a use case called from an event handler (or another use case) never commits on a
    second connection; if the inner block fails, only its writes and events are rolled back.
    A service's subclass adds its repositories and maps domain events onto contract events.
    """

    def __init__(
        self,
        pool: asyncpg.Pool,
        outbox: OutboxWriter,
        tracer: trace.Tracer,
        committed: Callable[[], None] | None = None,
    ) -> None:
        self._pool = pool
        self._outbox = outbox
        self._tracer = tracer
        # Called after a commit that wrote outbox rows (the runtime wakes relays: `OutboxSignal`); without
        # it, the transaction sends `NOTIFY` itself, as a unit of work built outside a runtime always did.
        self._committed = committed
        self._levels: list[_Level] = []
        self._conn: asyncpg.Connection | None = None

    @property
    def connection(self) -> asyncpg.Connection:
        """The connection of the open transaction (adapters run their SQL on it)."""
        if self._conn is None:
            raise RuntimeError("unit of work is not open")
        return self._conn

    def record(self, *events: EventModel) -> None:
        """Queue contract events for the outbox of this transaction, with the trace context of this moment."""
        self._level.rows.extend(self._outbox.rows(events))

    def later(self, statement: str, *args: object) -> None:
        """Run a write (INSERT/UPDATE/DELETE with `$n` parameters, no RETURNING) at commit, in one statement
        with the outbox rows: one round trip for all, while the transaction's locks are held. Reads in
        this transaction do not see it before then, nor do the other deferred writes (they run in no set
        order on one snapshot: never defer two writes of one row); the commit raises their errors."""
        self._level.later.append((statement, args))

    def track(self, aggregate: Any) -> None:
        """Remember an aggregate loaded or added in this transaction; its new `events` go out on commit."""
        level = self._level
        if all(aggregate is not known for known in level.seen):
            level.seen.append(aggregate)

    def contract_events(self, domain_event: Any) -> Sequence[EventModel]:
        """The contract events that announce one domain event; a service's unit of work overrides this."""
        raise NotImplementedError(f"{type(self).__name__} maps no {type(domain_event).__name__}")

    @property
    def _level(self) -> _Level:
        if not self._levels:
            raise RuntimeError("unit of work is not open")
        return self._levels[-1]

    async def __aenter__(self) -> Self:
        if self._conn is not None:  # joined: a savepoint inside the open transaction
            savepoint = self._conn.transaction()
            await savepoint.start()
            self._levels.append(_Level(savepoint))
            return self
        # the transaction's span is current while it is open: its SQL, handlers and outbox rows hang off it
        self._span = self._tracer.start_span(
            "db.transaction", kind=trace.SpanKind.CLIENT, attributes={"db.system": "postgresql"}
        )
        self._span_token = otel_context.attach(trace.set_span_in_context(self._span))
        try:
            conn = await self._pool.acquire()
        except BaseException as exc:
            self._end_span(exc)
            raise
        try:
            tx = conn.transaction()
            await tx.start()
        except BaseException as exc:  # failed or cancelled BEGIN: give the connection back
            await self._pool.release(conn)
            self._end_span(exc)
            raise
        self._conn = conn
        self._levels.append(_Level(tx))
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if len(self._levels) > 1:
            await self._leave_savepoint(failed=exc_type is not None)
            return
        conn, level, failure, wrote = self.connection, self._levels[0], exc, False
        try:
            if exc_type is None:
                wrote = await self._flush_outbox(conn, level)
                await level.tx.commit()
            else:
                await level.tx.rollback()
        except BaseException as ending_failed:
            failure = failure or ending_failed
            with contextlib.suppress(Exception):  # leave no transaction open on the pooled connection
                await level.tx.rollback()
            raise
        finally:
            self._levels.clear()
            self._conn = None
            await self._pool.release(conn)
            self._end_span(failure)
        if wrote and self._committed is not None:
            self._committed()

    def _end_span(self, failure: BaseException | None) -> None:
        otel_context.detach(self._span_token)
        self._span.set_attribute("db.outcome", "rollback" if failure else "commit")
        if isinstance(failure, Exception):
            record_error(self._span, failure)
        self._span.end()

    async def _leave_savepoint(self, *, failed: bool) -> None:
        level = self._levels.pop()
        if failed:
            await level.tx.rollback()
            for aggregate in level.seen:  # their changes are undone with the savepoint
                aggregate.events.clear()
            return
        await level.tx.commit()
        outer = self._levels[-1]
        outer.rows.extend(level.rows)
        outer.later.extend(level.later)
        for aggregate in level.seen:
            if all(aggregate is not known for known in outer.seen):
                outer.seen.append(aggregate)

    async def _flush_outbox(self, conn: asyncpg.Connection, level: _Level) -> bool:
        """Write the transaction's outbox rows; True when there were any."""
        for aggregate in level.seen:
            new, aggregate.events[:] = list(aggregate.events), []
            for domain_event in new:
                level.rows.extend(self._outbox.rows(self.contract_events(domain_event)))
        if not level.rows:
            if level.later:
                await self._outbox.write(conn, [], level.later)
            return False
        await self._outbox.write(conn, level.rows, level.later)
        if self._committed is None:
            await conn.execute(f"NOTIFY {OUTBOX_CHANNEL}")
        return True


class Repository:
    """Base of a service's SQL repositories: SQL on the unit of work's transaction, aggregates tracked."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def _conn(self) -> asyncpg.Connection:
        return self._uow.connection

    def _seen(self, aggregate: A) -> A:
        self._uow.track(aggregate)
        return aggregate
