"""Writes events to the outbox table inside the caller's transaction."""

import json
from collections.abc import Sequence

import asyncpg
from contracts.envelope import Envelope, encode_event
from contracts.event import EventModel

from servicekit.telemetry import current_trace_headers

_INSERT = """
INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::bytea[])
"""


OutboxRow = tuple[str, str, str, str, str, bytes]


class OutboxWriter:
    """Turns events into outbox rows: CloudEvents headers, the current trace context, key = aggregate id."""

    def __init__(self, source: str) -> None:
        self._source = source

    def rows(self, events: Sequence[EventModel]) -> list[OutboxRow]:
        """One row per event; the trace context is the caller's current span."""
        trace_headers = current_trace_headers()
        rows = []
        for event in events:
            envelope = Envelope.for_event(
                event,
                source=self._source,
                traceparent=trace_headers.get("traceparent"),
                tracestate=trace_headers.get("tracestate"),
            )
            headers = {k: v.decode() for k, v in envelope.to_headers()}
            rows.append(
                (
                    envelope.id,
                    event.topic,
                    event.aggregate_id(),
                    event.ce_type,
                    json.dumps(headers),
                    encode_event(event),
                )
            )
        return rows

    async def write(self, conn: asyncpg.Connection, rows: Sequence[OutboxRow]) -> None:
        """Insert the rows with one statement."""
        columns = list(zip(*rows, strict=True))
        await conn.execute(_INSERT, *[list(c) for c in columns])
