"""Runs a consumer's polled batches: decode, reject to DLQ, apply (`EventApplier`), dead-letter, redeliver."""

import asyncio
import math
from collections.abc import Callable, Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from contracts.envelope import RejectedEvent, decode_event
from opentelemetry import trace

from servicekit.applier import EventApplier
from servicekit.attempts import AttemptLedger, BudgetSpent
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.deadletter import H_REDRIVE_GROUP, DeadLetterSender
from servicekit.holds import H_RELEASE_FROM, HELD_CODE, HELD_REASON, KeyHolds, Release, release_marker
from servicekit.inbound_errors import ErrorCounter
from servicekit.metrics import ServiceMetrics
from servicekit.redelivery import Delivery, Redeliver, Rejection, first_offsets
from servicekit.retry import Backoff, failure_code, failure_reason

Record = Any  # aiokafka.ConsumerRecord (aiokafka ships no type information)


Outcome = Delivery | Rejection | Release | None


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
        self._metrics = metrics
        self._applier = EventApplier(spec, group, uow, tracer, metrics, backoff)
        self._ledger = AttemptLedger()
        self._holds = KeyHolds(group, uow) if spec.ordering == "per-key-strict" else None
        hold = self._holds.hold if self._holds is not None else None
        counter = ErrorCounter(uow, metrics)  # the per-source error report (issue 13)
        self._dead_letters = DeadLetterSender(
            producer,
            backoff,
            group=group,
            metrics=metrics,
            before_send=hold,
            after_send=counter.dead_lettered,
        )

    async def handle(self, records: Sequence[Record], budget_seconds: float | None = None) -> None:
        """Handle a polled batch in order.

        Raises Redeliver, naming per partition the first record not finished, when our own database or
        broker fails or the batch outlives `budget_seconds`: the caller rewinds there and commits the rest.
        Attempts made on a record are remembered, so even one slower than the budget ends in the DLQ.
        """
        now = asyncio.get_running_loop().time()
        deadline = now + budget_seconds if budget_seconds is not None else math.inf
        decoded = [(r, await self._decode(r)) for r in records]  # rejects are dead-lettered in order, below
        if self._holds is not None:  # only deliveries are checked: a batch of none reads nothing
            try:
                await self._holds.load([r for r, d in decoded if isinstance(d, Delivery)])
            except Exception as exc:  # our own database: poll this batch again later
                raise Redeliver(first_offsets(records)) from exc
        deliveries = [d for _, d in decoded if isinstance(d, Delivery)]
        if self._tries_batch(deliveries):
            batch_deadline = now + (deadline - now) / 2  # leave half the budget for one-by-one replay
            if await self._batch_handled(records, deliveries, batch_deadline):
                decoded = [(r, d) for r, d in decoded if isinstance(d, Rejection)]
        # one by one: per-event handlers, or a batch that failed (so only the poison is dead-lettered)
        for done, (record, outcome) in enumerate(decoded):
            try:
                await self._one(record, outcome, deadline)
            except BudgetSpent as spent:  # keep our place in the group: commit, poll, resume the count
                self._ledger.spent(record, spent.attempts_made)
                raise Redeliver(first_offsets([r for r, _ in decoded[done:]])) from spent
            except Exception as exc:
                self._ledger.forget(record)  # not the event's fault: its count starts again
                raise Redeliver(first_offsets([r for r, _ in decoded[done:]])) from exc

    def _tries_batch(self, deliveries: list[Delivery]) -> bool:
        if self.spec.batch_handler is None or len(deliveries) < 2 or self._holds is not None:
            return False  # a per-key-strict consumer checks each event's key before handling it
        return not self._ledger.any_alone(d.record for d in deliveries)

    async def _batch_handled(
        self, records: Sequence[Record], deliveries: list[Delivery], deadline: float
    ) -> bool:
        """Try the whole batch in one transaction; False (and remembered) when it keeps failing."""
        try:
            if await self._applier.attempts(deliveries, deadline) is None:
                return True
        except BudgetSpent:
            pass
        except Exception as exc:
            raise Redeliver(first_offsets(records)) from exc
        self._ledger.replay_alone(d.record for d in deliveries)
        return False

    async def _one(self, record: Record, outcome: "Outcome", deadline: float) -> None:
        if asyncio.get_running_loop().time() >= deadline:
            raise BudgetSpent(self._ledger.made(record))
        if self._holds is not None and isinstance(outcome, Release):
            await self._holds.release(record, outcome)
        elif self._holds is not None and isinstance(outcome, Delivery) and self._holds.is_held(record):
            await self._dead_letters.send(record, HELD_REASON, HELD_CODE, 0, deadline)
        elif isinstance(outcome, Rejection):
            await self._dead_letters.send(
                record, outcome.reason, outcome.code, 0, deadline, of_valid_event=False
            )
        elif isinstance(outcome, Delivery):
            failed = await self._applier.attempts([outcome], deadline, self._ledger.made(record))
            if failed is not None:
                exc, made = failed
                await self._dead_letters.send(
                    record, failure_reason(exc, made), failure_code(exc), made, deadline
                )
        self._ledger.forget(record)

    async def _decode(self, record: Record) -> "Outcome":
        # dict() runs in C: scanning the ~12 names for the kit's prefix in Python cost a third of decoding
        names = dict(record.headers)
        target = names.get(H_REDRIVE_GROUP)
        if target is not None and target != self.group.encode():
            return None  # redriven for the group that dead-lettered it; this group handled it already
        if H_RELEASE_FROM in names and (marker := release_marker(record)) is not None:
            return marker if self._holds is not None else None
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
