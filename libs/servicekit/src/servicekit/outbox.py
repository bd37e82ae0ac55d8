"""Writes events to the outbox table inside the caller's transaction."""

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import uuid4

import asyncpg
from contracts.envelope import Envelope, encode_event
from contracts.event import EventModel
from contracts.headers import format_time

from servicekit.telemetry import current_trace_headers

_INSERT = """
INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::bytea[])
"""


OutboxRow = tuple[str, str, str, str, str, bytes]
Deferred = tuple[str, Sequence[object]]  # a write statement and its arguments, run at commit
_PARAMETER = re.compile(r"\$(\d+)")


class OutboxWriter:
    """Turns events into outbox rows: CloudEvents headers, the current trace context, key = aggregate id."""

    def __init__(self, source: str) -> None:
        self._source = source

    def rows(self, events: Sequence[EventModel]) -> list[OutboxRow]:
        """One row per event; the trace context is the caller's current span.

        The envelope is built and validated once per event type of the call: the events of a batch
        (e.g. 100 xAPI statements) differ only in id, time and subject, and building a validated envelope
        for each was the largest per-event cost of writing to the outbox."""
        trace_headers = current_trace_headers()
        checked: dict[str, dict[str, str]] = {}  # ce_type -> the headers of a validated envelope
        rows = []
        for event in events:
            subject, template = event.subject(), checked.get(event.ce_type)
            if template is None or not subject:  # an empty subject: the envelope refuses it
                headers = self._headers(event, trace_headers)
                checked[event.ce_type] = headers
            else:
                headers = {**template, "ce_id": str(uuid4()), "ce_time": format_time(datetime.now(UTC))}
                headers["ce_subject"] = subject
            rows.append(
                (
                    headers["ce_id"],
                    event.topic,
                    event.aggregate_id(),
                    event.ce_type,
                    json.dumps(headers),
                    encode_event(event),
                )
            )
        return rows

    def _headers(self, event: EventModel, trace_headers: dict[str, str]) -> dict[str, str]:
        envelope = Envelope.for_event(
            event,
            source=self._source,
            traceparent=trace_headers.get("traceparent"),
            tracestate=trace_headers.get("tracestate"),
        )
        return {k: v.decode() for k, v in envelope.to_headers()}

    async def write(
        self, conn: asyncpg.Connection, rows: Sequence[OutboxRow], later: Sequence[Deferred] = ()
    ) -> None:
        """Insert the rows, and run the deferred writes, with one statement (each write a CTE)."""
        ctes, args = [], list[object]()
        for n, (statement, params) in enumerate(later):
            ctes.append(f"w{n} AS ({_shifted(statement, len(args))})")
            args.extend(params)
        main = "SELECT 1"
        if rows:
            main = _shifted(_INSERT, len(args))
            args.extend(list(c) for c in zip(*rows, strict=True))
        await conn.execute(f"WITH {', '.join(ctes)} {main}" if ctes else main, *args)


def _shifted(statement: str, offset: int) -> str:
    """The statement with its parameters `$n` renumbered `$n+offset` (to share one parameter list)."""
    return _PARAMETER.sub(lambda m: f"${int(m[1]) + offset}", statement) if offset else statement
