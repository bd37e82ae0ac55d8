"""Sends one claimed outbox batch to Kafka under a deadline and sorts each row: sent, refused or failed."""

import asyncio
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from opentelemetry import trace

from servicekit.producer import REFUSAL_ERRORS, RenewableProducer
from servicekit.relaybatches import PartitionBatches
from servicekit.relayspans import PublishSpans, SpanGroup, failed

Key = tuple[str, str]


@dataclass
class Outcome:
    """What became of a batch: acknowledged seqs, refused (seq, reason), failed seqs by reason."""

    sent: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)
    failed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    timed_out: bool = False


Row = tuple[int, SpanGroup]  # a row's seq and its span group


@dataclass
class _Send:
    rows: list[Row]  # the rows of one record batch, which the broker answers as one
    future: "asyncio.Future[Any]"


class BatchPublisher:
    """Publishes rows in order; a PRODUCER span per writing transaction lasts until the broker answers."""

    def __init__(self, producer: RenewableProducer, tracer: trace.Tracer, prefix: str) -> None:
        self._producer, self._tracer, self._prefix = producer, tracer, prefix

    async def publish(self, rows: Sequence[asyncpg.Record], timeout: float) -> Outcome:
        """Send `rows` and wait for their acknowledgements, for at most `timeout` seconds in all."""
        spans = PublishSpans(self._tracer)
        try:
            return await self._publish(rows, timeout, spans)
        finally:
            spans.end_all()  # after the broker's answers (no callback per record: rate)

    async def _publish(self, rows: Sequence[asyncpg.Record], timeout: float, spans: PublishSpans) -> Outcome:
        outcome, deadline = Outcome(), asyncio.get_running_loop().time() + timeout
        sends: list[_Send] = []
        try:
            async with asyncio.timeout_at(deadline):
                unusable = await self._unusable_topics({self._prefix + row["topic"] for row in rows})
                await self._send_all(rows, unusable, sends, outcome, spans)
        except TimeoutError:
            outcome.timed_out = True
        except Exception as exc:  # no producer could be started (Kafka away): the batch waits
            outcome.failed[type(exc).__name__].extend(r["seq"] for r in rows)
            return outcome
        remaining = max(0.0, deadline - asyncio.get_running_loop().time())
        pending = await _wait(sends, remaining)
        for send in sends:
            self._sort(send, pending, outcome)
        unsettled = {seq for seqs in outcome.failed.values() for seq in seqs}
        done = {seq for s in sends for seq, _ in s.rows} | {seq for seq, _ in outcome.refused} | unsettled
        if untouched := [r["seq"] for r in rows if r["seq"] not in done]:
            outcome.failed["PublishTimeout"].extend(untouched)
        outcome.timed_out = outcome.timed_out or bool(pending)
        return outcome

    async def _send_all(
        self,
        rows: Sequence[asyncpg.Record],
        unusable: dict[str, str],
        sends: list[_Send],
        outcome: Outcome,
        spans: PublishSpans,
    ) -> None:
        try:
            batches = PartitionBatches[Row](await self._producer.current())
        except Exception as exc:  # no producer (Kafka away): the batch waits
            outcome.failed[type(exc).__name__].extend(r["seq"] for r in rows)
            return
        self._pack(rows, unusable, batches, outcome, spans)
        queued = iter(batches)
        for batch in queued:
            try:
                sends.append(_Send(batch.tags, await batches.submit(batch)))
            except Exception as exc:  # no producer (Kafka away): the rest of the batch waits too
                for tags in (batch.tags, *(later.tags for later in queued)):
                    _fail(tags, exc, outcome.failed[type(exc).__name__])
                return

    def _pack(
        self,
        rows: Sequence[asyncpg.Record],
        unusable: dict[str, str],
        batches: "PartitionBatches[Row]",
        outcome: Outcome,
        spans: PublishSpans,
    ) -> None:
        held: set[Key] = set()  # a key with an unsent earlier row: its later rows wait (order)
        for row in rows:
            key, topic = (row["topic"], row["message_key"]), self._prefix + row["topic"]
            if key in held:
                outcome.failed["HeldBehindKey"].append(row["seq"])
            elif topic in unusable:
                held.add(key)
                outcome.refused.append((row["seq"], unusable[topic]))
            else:
                group, headers = spans.message_headers(topic, json.loads(row["headers"]))
                try:
                    batches.add(topic, key[1].encode(), row["payload"], headers, (row["seq"], group))
                except REFUSAL_ERRORS as exc:  # refused by the producer itself, e.g. too large
                    failed(group, exc)
                    held.add(key)
                    outcome.refused.append((row["seq"], type(exc).__name__))

    def _sort(self, send: _Send, pending: set["asyncio.Future[Any]"], outcome: Outcome) -> None:
        if send.future in pending:
            timeout = TimeoutError("no acknowledgement before the publish deadline")
            _fail(send.rows, timeout, outcome.failed["PublishTimeout"])
            send.future.add_done_callback(_error_of)  # its late error is expected, not "never retrieved"
            return
        error = _error_of(send.future)
        if error is None:
            outcome.sent.extend(seq for seq, _ in send.rows)
            return
        self._producer.failed(error)
        if isinstance(error, REFUSAL_ERRORS):  # the broker refused the record batch: each of its rows
            _fail(send.rows, error, [])
            outcome.refused.extend((seq, type(error).__name__) for seq, _ in send.rows)
        else:
            _fail(send.rows, error, outcome.failed[type(error).__name__])

    async def _unusable_topics(self, topics: set[str]) -> dict[str, str]:
        """Topics the broker says do not exist or are not ours to write (two metadata answers agree)."""
        await self._producer.start()
        client, unusable = self._producer.client, {}
        for topic in topics:
            if client.cluster.partitions_for_topic(topic) is not None:
                continue
            client.add_topic(topic)
            for _ in range(2):  # a topic created a moment ago may lack its leader in the first answer
                if not await client.force_metadata_update():
                    break  # no answer: Kafka is away, not the topic
                if client.cluster.partitions_for_topic(topic) is not None:
                    break
                await asyncio.sleep(0.1)
            else:
                denied = topic in client.cluster.unauthorized_topics
                why = "TopicAuthorizationFailedError" if denied else "UnknownTopicOrPartitionError"
                unusable[topic] = why
        return unusable


async def _wait(sends: list[_Send], timeout: float) -> set["asyncio.Future[Any]"]:
    if not sends:
        return set()
    _, pending = await asyncio.wait([s.future for s in sends], timeout=timeout)
    return pending


def _fail(rows: list[Row], error: BaseException, seqs: list[int]) -> None:
    """Record `error` on the rows' span groups and add their seqs to `seqs`."""
    for seq, group in rows:
        failed(group, error)
        seqs.append(seq)


def _error_of(future: "asyncio.Future[Any]") -> BaseException | None:
    if future.cancelled():
        return asyncio.CancelledError()
    return future.exception()
