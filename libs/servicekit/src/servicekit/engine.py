"""Runs a consumer's handlers: decode, reject to DLQ, inbox dedupe, retry with backoff, dead-letter."""

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer
from contracts.envelope import Envelope, RejectedEvent, decode_event
from contracts.event import EventModel
from opentelemetry import trace

from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.deadletter import send_to_dead_letter
from servicekit.inbox import EventKey, claim
from servicekit.metrics import ServiceMetrics
from servicekit.redelivery import Redeliver, Rejection, first_offsets
from servicekit.retry import (
    AMBIGUOUS_ERRORS,
    Backoff,
    PermanentError,
    failure_reason,
    is_own_database_failure,
)
from servicekit.telemetry import context_from_headers, current_span, message_link

log = logging.getLogger(__name__)
Record = Any  # aiokafka.ConsumerRecord (aiokafka ships no type information)


@dataclass(frozen=True)
class Delivery:
    """A record that decoded into an event this consumer handles."""

    record: Record
    envelope: Envelope
    event: EventModel


class ConsumerEngine:
    """Processes polled records for one consumer group; never blocks a partition on a poison event."""

    def __init__(
        self,
        spec: EventConsumer,
        *,
        group: str,
        uow: Callable[[], UnitOfWork],
        producer: AIOKafkaProducer,
        tracer: trace.Tracer,
        metrics: ServiceMetrics,
        backoff: Backoff,
    ) -> None:
        self.spec, self.group, self._uow, self._producer = spec, group, uow, producer
        self._tracer, self._metrics, self._backoff = tracer, metrics, backoff

    async def handle(self, records: Sequence[Record], budget_seconds: float | None = None) -> None:
        """Handle a polled batch in order.

        Raises Redeliver, naming per partition the first record not finished, when our own database or
        broker fails or the batch outlives `budget_seconds`: the caller rewinds there and commits the rest.
        """
        started = time.monotonic()
        decoded = [(r, await self._decode(r)) for r in records]  # rejects are dead-lettered in order, below
        deliveries = [d for _, d in decoded if isinstance(d, Delivery)]
        if self.spec.batch_handler is not None and len(deliveries) > 1:
            try:
                failed = await self._attempts(deliveries)
            except Exception as exc:
                raise Redeliver(first_offsets(records)) from exc
            if failed is None:  # handled: only the rejects are left
                decoded = [(r, d) for r, d in decoded if isinstance(d, Rejection)]
        # one by one: per-event handlers, or a batch that kept failing (so only the poison is dead-lettered)
        for done, (record, outcome) in enumerate(decoded):
            try:
                if budget_seconds is not None and time.monotonic() - started > budget_seconds:
                    raise TimeoutError("poll budget spent")  # keep our place in the group: commit, poll
                if isinstance(outcome, Rejection):
                    await self._dead_letter(record, outcome.reason, outcome.code, attempts=0)
                elif isinstance(outcome, Delivery):
                    failed = await self._attempts([outcome])
                    if failed is not None:
                        await self._dead_letter_failure(record, *failed)
            except Exception as exc:
                raise Redeliver(first_offsets([r for r, _ in decoded[done:]])) from exc

    async def _decode(self, record: Record) -> "Delivery | Rejection | None":
        try:
            envelope, event = decode_event(record.headers, record.value, self.spec.clearance)
        except RejectedEvent as rejected:
            return Rejection(rejected.reason, rejected.code)
        except Exception as exc:  # a decoder bug must not stop the partition: it is this record's fault
            return Rejection(f"undecodable: {type(exc).__name__}", "undecodable")
        if not self.spec.handles(event):
            self._metrics.events_handled.labels(self.group, envelope.type, "ignored").inc()
            return None
        return Delivery(record, envelope, event)

    async def _attempts(self, deliveries: list[Delivery]) -> tuple[BaseException, int] | None:
        """Apply with bounded retries; return (error, attempts) when it should be dead-lettered."""
        for attempt in range(1, self._backoff.max_attempts + 1):
            try:
                await self._apply(deliveries)
                return None
            except PermanentError as exc:
                return exc, attempt
            except Exception as exc:
                log.warning("handler failed", extra={"group": self.group, "error": type(exc).__name__})
                if attempt < self._backoff.max_attempts:
                    await self._backoff.wait(attempt)
                elif await self._own_infrastructure_failed(exc):
                    raise  # our own database or broker is down: redeliver later, don't dead-letter
                else:
                    return exc, attempt
        return None

    async def _own_infrastructure_failed(self, exc: BaseException) -> bool:
        """Our database's own answers say so, or an ambiguous error meets a database that does not answer."""
        if is_own_database_failure(exc):
            return True
        if not isinstance(exc, AMBIGUOUS_ERRORS):
            return False
        try:  # a timeout or OSError may come from the handler's own dependencies: ask our database
            async with asyncio.timeout(5), self._uow() as uow:
                await uow.connection.execute("SELECT 1")
        except Exception:
            return True
        return False

    async def _apply(self, deliveries: list[Delivery]) -> None:
        """One transaction under one process span: claim the events in the inbox, handle the new ones."""
        started = time.perf_counter()
        with self._span(deliveries):
            async with self._uow() as uow:  # its db.transaction span is a child of the process span
                events = [(d.envelope.source, d.envelope.id, d.envelope.type) for d in deliveries]
                new_keys = await claim(uow.connection, self.group, events)
                fresh = _first_of_each(d for d in deliveries if _key(d) in new_keys)
                await self._run_handlers(fresh, uow)
        self._metrics.handler_latency.labels(self.group).observe(time.perf_counter() - started)
        for d in deliveries:
            outcome = "handled" if _key(d) in new_keys else "duplicate"
            self._metrics.events_handled.labels(self.group, d.envelope.type, outcome).inc()

    async def _run_handlers(self, fresh: list[Delivery], uow: UnitOfWork) -> None:
        """Each handler under its own span, a child of the transaction's (so its outbox rows follow it)."""
        batch = [d for d in fresh if type(d.event) in self.spec.batch_models]
        if batch and self.spec.batch_handler is not None:
            with current_span(self._tracer, _handler_name(self.spec.batch_handler)):
                await self.spec.batch_handler([d.event for d in batch], uow)
        for d in fresh:
            handler = self.spec.handlers.get(type(d.event))
            if handler is not None:
                with current_span(self._tracer, _handler_name(handler), links=message_link(d.record.headers)):
                    await handler(d.event, uow)

    def _span(self, deliveries: list[Delivery]) -> AbstractContextManager[trace.Span]:
        """The CONSUMER process span (OpenTelemetry messaging conventions): one event's span is a child of
        its producer's context; a batch's span links every event's producer context instead."""
        topics = {d.record.topic for d in deliveries}
        topic = topics.pop() if len(topics) == 1 else None
        attributes: dict[str, str | int] = {
            "messaging.system": "kafka",
            "messaging.operation.type": "process",
            "messaging.consumer.group.name": self.group,
            **({"messaging.destination.name": topic} if topic else {}),
        }
        options: dict[str, Any] = {"kind": trace.SpanKind.CONSUMER, "attributes": attributes}
        if len(deliveries) == 1:
            [d] = deliveries
            attributes["messaging.message.id"] = d.envelope.id
            attributes["cloudevents.event_type"] = d.envelope.type
            options["context"] = context_from_headers(d.record.headers)
        else:
            attributes["messaging.batch.message_count"] = len(deliveries)
            options["links"] = [link for d in deliveries for link in message_link(d.record.headers)]
        return current_span(self._tracer, f"{topic} process" if topic else "process", **options)

    async def _dead_letter_failure(self, record: Record, exc: BaseException, attempts: int) -> None:
        code = "rejected_by_handler" if isinstance(exc, PermanentError) else "handler_failed"
        await self._dead_letter(record, failure_reason(exc, attempts), code, attempts)

    async def _dead_letter(self, record: Record, reason: str, code: str, attempts: int) -> None:
        await send_to_dead_letter(
            self._producer, record, reason=reason, code=code, group=self.group, attempts=attempts
        )
        self._metrics.dead_lettered.labels(self.group, record.topic, code).inc()
        log.warning("event dead-lettered", extra={"group": self.group, "code": code, "offset": record.offset})


def _handler_name(handler: Callable[..., Any]) -> str:
    return f"handle {getattr(handler, '__name__', 'event')}"


def _key(d: Delivery) -> EventKey:
    return d.envelope.source, d.envelope.id


def _first_of_each(deliveries: Any) -> list[Delivery]:
    seen: set[EventKey] = set()
    out = []
    for d in deliveries:
        if _key(d) not in seen:
            seen.add(_key(d))
            out.append(d)
    return out
