"""Applies decoded events to a consumer's handlers: inbox claim and handlers in one transaction, retried."""

import asyncio
import logging
import math
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from opentelemetry import trace

from servicekit.attempts import BudgetSpent
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.inbound_errors import counting_refusals, handling
from servicekit.inbox import EventKey, claim
from servicekit.metrics import ServiceMetrics
from servicekit.processspan import process_span
from servicekit.redelivery import Delivery
from servicekit.retry import Backoff, PermanentError, own_infrastructure_failed
from servicekit.telemetry import current_span, message_link

log = logging.getLogger("servicekit.engine")  # the consumer engine's log, as before the split


class EventApplier:
    """One consumer group's handlers applied exactly once per event (the inbox), with bounded retries."""

    def __init__(
        self,
        spec: EventConsumer,
        group: str,
        uow: Callable[[], UnitOfWork],
        tracer: trace.Tracer,
        metrics: ServiceMetrics,
        backoff: Backoff,
    ) -> None:
        self.spec, self.group, self._uow = spec, group, uow
        self._tracer, self._metrics, self._backoff = tracer, metrics, backoff

    async def attempts(
        self, deliveries: list[Delivery], deadline: float, made: int = 0
    ) -> tuple[BaseException, int] | None:
        """Apply with bounded retries (`made` so far); return (error, attempts) to dead-letter it.

        Raises BudgetSpent when `deadline` (event loop time) comes first; an attempt cut by it counts.
        """
        loop = asyncio.get_running_loop()
        while loop.time() < deadline:
            made += 1
            try:
                async with asyncio.timeout_at(None if math.isinf(deadline) else deadline):
                    await self._apply(deliveries)
                return None
            except PermanentError as exc:
                return exc, made
            except Exception as exc:
                log.warning("handler failed", extra={"group": self.group, "error": type(exc).__name__})
                if made < self._backoff.max_attempts:
                    await asyncio.sleep(min(self._backoff.delay(made), max(0.0, deadline - loop.time())))
                elif await own_infrastructure_failed(exc, self._uow):
                    raise  # our own database or broker is down: redeliver later, don't dead-letter
                else:
                    return exc, made
        raise BudgetSpent(made)

    async def _apply(self, deliveries: list[Delivery]) -> None:
        """One transaction under one process span: claim the events in the inbox, handle the new ones."""
        started = time.perf_counter()
        with process_span(self._tracer, self.group, deliveries):
            async with self._uow() as uow:  # its db.transaction span is a child of the process span
                keys = [(d.envelope.source, d.envelope.id) for d in deliveries]  # once: read thrice
                events = [(*key, d.envelope.type) for key, d in zip(keys, deliveries, strict=True)]
                new_keys = await claim(uow.connection, self.group, events)
                new = [key in new_keys for key in keys]
                fresh = _first_of_each((k, d) for k, d, n in zip(keys, deliveries, new, strict=True) if n)
                await self._run_handlers(fresh, uow)
        self._metrics.handler_latency.labels(self.group).observe(time.perf_counter() - started)
        outcomes = Counter(
            (d.envelope.type, "handled" if n else "duplicate") for d, n in zip(deliveries, new, strict=True)
        )
        for (event_type, outcome), n in outcomes.items():  # one labelled counter per kind, not per event
            self._metrics.events_handled.labels(self.group, event_type, outcome).inc(n)

    async def _run_handlers(self, fresh: list[Delivery], uow: UnitOfWork) -> None:
        """Each handler under its own span, a child of the transaction's (so its outbox rows follow it)."""
        batch = [d for d in fresh if type(d.event) in self.spec.batch_models]
        if batch and self.spec.batch_handler is not None:
            with current_span(self._tracer, _handler_name(self.spec.batch_handler)):
                items = [(d.envelope.id, d.event) if self.spec.batch_ids else d.event for d in batch]
                await self.spec.batch_handler(items, uow)
        for d in fresh:
            handler = self.spec.handlers.get(type(d.event))
            if handler is not None:
                links = message_link(d.record.headers)
                with (
                    current_span(self._tracer, _handler_name(handler), links=links),
                    handling(d.record, self._metrics),  # a refusal it raises is counted under the sender
                ):
                    await counting_refusals(handler, d.event, uow)


def _handler_name(handler: Callable[..., Any]) -> str:
    return f"handle {getattr(handler, '__name__', 'event')}"


def _first_of_each(keyed: Any) -> list[Delivery]:
    """The first delivery of each (source, id) key among (key, delivery) pairs."""
    seen: set[EventKey] = set()
    out = []
    for key, d in keyed:
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
