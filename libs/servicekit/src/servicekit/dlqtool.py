"""Operator commands on dead-letter topics: list what is there, redrive it to the group that failed it.

A redrive appends a marker per letter to the DLQ (same partition, after the letter): marked letters are
neither listed nor redriven again, so repeated redrives never multiply letters.
"""

import contextlib
from collections.abc import AsyncIterator, Collection
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from servicekit.deadletter import (
    H_GROUP,
    H_REDRIVE_GROUP,
    H_TOPIC,
    H_TRUNCATED,
    dead_letter_topic,
    strip_dlq_headers,
)
from servicekit.holds import H_RELEASE_FROM
from servicekit.kafka_security import KafkaEndpoint, endpoint_of

REDRIVEN_HEADER = "dlq_redriven_from"
MARKER_HEADER = "dlq_redriven_offset"  # on a marker record: the letter at this offset was redriven
_PAGE = 500  # records per fetch: memory stays flat however large the DLQ
_KeyOf = tuple[str, str | None, bytes | None]  # origin topic, consumer group, message key


@dataclass(frozen=True)
class DeadLetter:
    """A record read back from a DLQ."""

    offset: int
    partition: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]

    def header(self, name: str) -> str | None:
        """A header's value as text; bytes that are not UTF-8 are shown escaped, never fail."""
        raw = next((v for k, v in self.headers if k == name), None)
        return None if raw is None else raw.decode(errors="backslashreplace")

    @property
    def event_id(self) -> str | None:
        """The CloudEvents id, when the record had one."""
        return self.header("ce_id")

    @property
    def malformed(self) -> bool:
        """No CloudEvents id, or a CloudEvents header that is not text: it cannot be selected by id."""
        ce = [v for k, v in self.headers if k.startswith("ce_")]
        return self.event_id is None or not all(_is_utf8(v) for v in ce)

    @property
    def group(self) -> str | None:
        """The consumer group that dead-lettered it."""
        return self.header(H_GROUP)

    @property
    def truncated(self) -> bool:
        """Its payload was cut to fit the DLQ; the whole record is at its original topic and offset."""
        return self.header(H_TRUNCATED) is not None

    @property
    def origin(self) -> str:
        """The topic it came from."""
        return self.header(H_TOPIC) or ""


def _is_utf8(value: bytes | None) -> bool:
    try:
        (value or b"").decode()
    except UnicodeDecodeError:
        return False
    return True


async def dead_letters(kafka: KafkaEndpoint | str, topic: str) -> AsyncIterator[DeadLetter]:
    """The letters in `topic`'s DLQ not redriven yet, in order per partition, up to the end offsets
    found at the call (letters arriving meanwhile wait for the next call). Commits nothing."""
    endpoint = endpoint_of(kafka)
    ends = await _end_offsets(endpoint, dead_letter_topic(topic))
    redriven = {(r.partition, _marked(r)) async for r in _pass(endpoint, ends) if _marked(r) is not None}
    async for r in _pass(endpoint, ends):
        if _marked(r) is None and (r.partition, r.offset) not in redriven:
            yield DeadLetter(r.offset, r.partition, r.key, r.value, list(r.headers))


async def read_dead_letters(kafka: KafkaEndpoint | str, topic: str) -> list[DeadLetter]:
    """`dead_letters` as a list (for small DLQs and tests)."""
    return [letter async for letter in dead_letters(kafka, topic)]


def _marked(record: Any) -> int | None:
    """The offset of the letter a marker record says was redriven; None for a letter."""
    raw = next((v for k, v in record.headers if k == MARKER_HEADER), None)
    return None if raw is None else int(raw)


@contextlib.asynccontextmanager
async def _reading(
    partitions: Collection[TopicPartition], endpoint: KafkaEndpoint
) -> AsyncIterator[AIOKafkaConsumer]:
    """A fresh group-less consumer assigned `partitions` at their beginning (no seek to race with)."""
    consumer = AIOKafkaConsumer(
        **endpoint.client_kwargs(), enable_auto_commit=False, group_id=None, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        consumer.assign(list(partitions))
        yield consumer
    finally:
        await consumer.stop()


async def _end_offsets(endpoint: KafkaEndpoint, dlq: str) -> dict[TopicPartition, int]:
    partitions = [TopicPartition(dlq, p) for p in await _partitions(endpoint, dlq)]
    if not partitions:
        return {}
    async with _reading(partitions, endpoint) as consumer:
        return dict(await consumer.end_offsets(partitions))


async def _pass(endpoint: KafkaEndpoint, ends: dict[TopicPartition, int]) -> AsyncIterator[Any]:
    """Every record from the beginning up to `ends`, a page at a time, with no deadline."""
    if not ends:
        return
    async with _reading(ends, endpoint) as consumer:
        left = {tp for tp, end in ends.items() if await consumer.position(tp) < end}
        while left:
            for tp, page in (await consumer.getmany(*left, timeout_ms=1000, max_records=_PAGE)).items():
                for record in page:
                    if record.offset < ends[tp]:
                        yield record
                if await consumer.position(tp) >= ends[tp]:
                    left.discard(tp)


async def _partitions(endpoint: KafkaEndpoint, topic: str) -> list[int]:
    admin = AIOKafkaAdminClient(**endpoint.client_kwargs())
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return sorted(p["partition"] for p in described["partitions"]) if described["error_code"] == 0 else []


async def redrive(
    kafka: KafkaEndpoint | str, topic: str, event_ids: Collection[str] = (), group: str | None = None
) -> int:
    """Republish dead letters (all, or those with the given ce_ids, of the given group) to their origin,
    each for the group that dead-lettered it only, and mark them redriven; return the count.

    When every letter of a key for a group went, a release marker follows them (see servicekit.holds).
    Truncated letters stay (their whole record is at the original offset). Consumers are idempotent, so an
    event redriven twice (a crash between republish and mark) has one effect.
    """
    producer = AIOKafkaProducer(**endpoint_of(kafka).client_kwargs(), acks="all", enable_idempotence=True)
    await producer.start()
    first: dict[_KeyOf, int] = {}  # origin offset of the first record redriven, per key and group
    kept: set[_KeyOf] = set()  # keys with a letter left in the DLQ: they stay held
    count = 0
    try:
        async for letter in dead_letters(kafka, topic):
            of = (letter.origin or topic, letter.group, letter.key)
            if (event_ids and letter.event_id not in event_ids) or letter.truncated:
                kept.add(of)
            elif group in (None, letter.group):
                first.setdefault(of, await _republish(producer, letter, topic))
                count += 1
        for of, offset in first.items():
            if of not in kept:
                await _release(producer, of, offset)
    finally:
        await producer.stop()
    return count


async def _republish(producer: AIOKafkaProducer, letter: DeadLetter, topic: str) -> int:
    """Send the letter back for its group, then mark it in the DLQ; return its new origin offset."""
    dlq = dead_letter_topic(topic)
    headers = [*strip_dlq_headers(letter.headers), (REDRIVEN_HEADER, dlq.encode())]
    if letter.group is not None:
        headers.append((H_REDRIVE_GROUP, letter.group.encode()))
    sent = await producer.send_and_wait(letter.origin or topic, letter.value, key=letter.key, headers=headers)
    marker = [(MARKER_HEADER, str(letter.offset).encode())]
    await producer.send_and_wait(dlq, b"", partition=letter.partition, headers=marker)
    return int(sent.offset)


async def _release(producer: AIOKafkaProducer, of: "_KeyOf", first_offset: int) -> None:
    """After the key's redriven records (same key, same partition): a per-key-strict group may let go."""
    origin, group, key = of
    if group is None or key is None:
        return  # no group to release for; a record without a key is never held
    headers = [(H_REDRIVE_GROUP, group.encode()), (H_RELEASE_FROM, str(first_offset).encode())]
    await producer.send_and_wait(origin, b"", key=key, headers=headers)
