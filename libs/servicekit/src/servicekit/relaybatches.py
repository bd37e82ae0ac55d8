"""Packs a relay batch's records into aiokafka record batches per partition, sent with one future each."""

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aiokafka import AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from servicekit.partitioning import KeyPartitioner

Tag = TypeVar("Tag")
Headers = list[tuple[str, bytes]]


@dataclass
class RecordBatch(Generic[Tag]):
    """One aiokafka record batch for one partition and the tags (rows) of its records, in order."""

    topic: str
    partition: int
    builder: Any  # aiokafka's BatchBuilder
    tags: list[Tag] = field(default_factory=list)


class PartitionBatches(Generic[Tag]):
    """Records in order, per partition, in closed record batches: the sender takes them at once (no
    linger) and each answers with one future, where `send` costs a future, a partitioner call and an
    accumulator append per record. The partition is the one `send` would choose (same partitioner), and
    one key's records stay in order (one partition, batches queued in order). A record too large for a
    request is refused as `send` refuses it, before anything is queued."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer
        self._partitions = KeyPartitioner(producer.client.cluster, producer._partitioner)
        self._max_size: int = producer._max_request_size
        self._open: dict[tuple[str, int], RecordBatch[Tag]] = {}
        self._batches: list[RecordBatch[Tag]] = []

    def add(self, topic: str, key: bytes, value: bytes, headers: Headers, tag: Tag) -> None:
        """Append a record to its partition's open batch (a full batch is closed and a new one opened)."""
        if DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, headers) > self._max_size:
            raise MessageSizeTooLargeError("record larger than max_request_size")  # as `send` refuses
        partition = self._partitions.of(topic, key)
        batch = self._open.get((topic, partition)) or self._start(topic, partition)
        if batch.builder.append(timestamp=None, key=key, value=value, headers=headers) is None:
            batch = self._start(topic, partition)  # full: the first record always fits a new batch
            batch.builder.append(timestamp=None, key=key, value=value, headers=headers)
        batch.tags.append(tag)

    def __iter__(self) -> Iterator[RecordBatch[Tag]]:
        return iter(self._batches)

    async def submit(self, batch: RecordBatch[Tag]) -> "asyncio.Future[Any]":
        """Queue `batch` for sending; its future gives the broker's answer for all its records."""
        batch.builder.close()  # closed: ready to send now, not after linger_ms
        future: asyncio.Future[Any] = await self._producer.send_batch(
            batch.builder, batch.topic, partition=batch.partition
        )
        return future

    def _start(self, topic: str, partition: int) -> RecordBatch[Tag]:
        batch = RecordBatch[Tag](topic, partition, self._producer.create_batch())
        self._open[(topic, partition)] = batch
        self._batches.append(batch)
        return batch
