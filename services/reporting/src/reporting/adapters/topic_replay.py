"""Read topics from given offsets up to the end offsets seen at the start, decoding each event."""

from collections.abc import AsyncIterator, Iterable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from contracts.classification import Clearance
from contracts.envelope import decode_event
from contracts.event import EventModel
from contracts.rejections import RejectedEvent
from servicekit.kafka_security import KafkaEndpoint

Offsets = dict[TopicPartition, int]


class TopicReplay:
    """A group-less reader: commits nothing, so the live consumer group is never disturbed."""

    def __init__(self, endpoint: KafkaEndpoint, clearance: Clearance) -> None:
        self._endpoint, self._clearance = endpoint, clearance
        self._consumer: AIOKafkaConsumer | None = None

    async def __aenter__(self) -> "TopicReplay":
        kwargs = self._endpoint.client_kwargs()
        self._consumer = AIOKafkaConsumer(**kwargs, enable_auto_commit=False, group_id=None)
        await self._consumer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._consumer is not None:
            await self._consumer.stop()

    async def end_offsets(self, topics: Iterable[str]) -> Offsets:
        """The current end of every partition of `topics`."""
        admin = AIOKafkaAdminClient(**self._endpoint.client_kwargs())
        await admin.start()
        try:
            described = await admin.describe_topics(list(topics))
        finally:
            await admin.close()
        partitions = [
            TopicPartition(d["topic"], p["partition"])
            for d in described
            if d["error_code"] == 0
            for p in d["partitions"]
        ]
        return dict(await self._started().end_offsets(partitions)) if partitions else {}

    async def pages(self, start: Offsets, end: Offsets) -> AsyncIterator[list[tuple[str, EventModel]]]:
        """Events from `start` (0 where absent) up to `end`, a fetched page at a time; events that the
        live consumer would reject (dead-lettered there) are skipped; each with its CloudEvents id."""
        consumer = self._started()
        todo = {tp: stop for tp, stop in end.items() if stop > start.get(tp, 0)}
        if not todo:
            return
        consumer.assign(list(todo))
        for tp in todo:
            consumer.seek(tp, start.get(tp, 0))
        while todo:
            fetched = await consumer.getmany(*todo, timeout_ms=500)
            page = [r for tp, records in fetched.items() for r in records if r.offset < todo[tp]]
            for tp in list(todo):
                if await consumer.position(tp) >= todo[tp]:
                    del todo[tp]
            yield [event for event in map(self._decode, page) if event is not None]

    def _decode(self, record: Any) -> tuple[str, EventModel] | None:
        try:
            envelope, event = decode_event(record.headers, record.value, self._clearance)
            return envelope.id, event
        except RejectedEvent:
            return None

    def _started(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise RuntimeError("use `async with TopicReplay(...)`")
        return self._consumer
