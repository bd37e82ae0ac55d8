"""asyncpg pool and the unit of work: one transaction for state, outbox and inbox."""

import contextlib
from types import TracebackType
from typing import Self

import asyncpg
from contracts.event import EventModel
from opentelemetry import context as otel_context
from opentelemetry import trace

from servicekit.outbox import OutboxRow, OutboxWriter
from servicekit.telemetry import record_error

OUTBOX_CHANNEL = "outbox"


async def create_pool(dsn: str, max_size: int = 10) -> asyncpg.Pool:
    """A pool for this service's own database."""
    return await asyncpg.create_pool(dsn, min_size=1, max_size=max_size, command_timeout=30)


class UnitOfWork:
    """`async with uow:` opens a transaction; events recorded with `record` go to the outbox on commit."""

    def __init__(self, pool: asyncpg.Pool, outbox: OutboxWriter, tracer: trace.Tracer) -> None:
        self._pool = pool
        self._outbox = outbox
        self._tracer = tracer
        self._rows: list[OutboxRow] = []
        self._conn: asyncpg.Connection | None = None

    @property
    def connection(self) -> asyncpg.Connection:
        """The connection of the open transaction (adapters run their SQL on it)."""
        if self._conn is None:
            raise RuntimeError("unit of work is not open")
        return self._conn

    def record(self, *events: EventModel) -> None:
        """Queue events for the outbox of this transaction; they carry the trace context of this moment."""
        self._rows.extend(self._outbox.rows(events))

    async def __aenter__(self) -> Self:
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
            self._tx = conn.transaction()
            await self._tx.start()
        except BaseException as exc:  # failed or cancelled BEGIN: give the connection back
            await self._pool.release(conn)
            self._end_span(exc)
            raise
        self._conn = conn
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn, failure = self.connection, exc
        try:
            if exc_type is None:
                await self._flush_outbox(conn)
                await self._tx.commit()
            else:
                await self._tx.rollback()
        except BaseException as ending_failed:
            failure = failure or ending_failed
            with contextlib.suppress(Exception):  # leave no transaction open on the pooled connection
                await self._tx.rollback()
            raise
        finally:
            self._rows.clear()
            self._conn = None
            await self._pool.release(conn)
            self._end_span(failure)

    def _end_span(self, failure: BaseException | None) -> None:
        otel_context.detach(self._span_token)
        self._span.set_attribute("db.outcome", "rollback" if failure else "commit")
        if isinstance(failure, Exception):
            record_error(self._span, failure)
        self._span.end()

    async def _flush_outbox(self, conn: asyncpg.Connection) -> None:
        if not self._rows:
            return
        await self._outbox.write(conn, self._rows)
        await conn.execute(f"NOTIFY {OUTBOX_CHANNEL}")
