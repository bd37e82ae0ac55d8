"""The shared idempotent producer, replaced by a fresh one when it enters a state it cannot leave."""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import (
    CorruptRecordException,
    InvalidProducerEpoch,
    InvalidTopicError,
    KafkaError,
    MessageSizeTooLargeError,
    OutOfOrderSequenceNumber,
    PolicyViolationError,
    ProducerFenced,
    RecordTooLargeError,
    TopicAuthorizationFailedError,
    UnknownProducerId,
    UnsupportedForMessageFormatError,
)

log = logging.getLogger(__name__)
CLOSE_SECONDS = 5.0

# The producer id/sequence state is broken: every later send to the partition fails (aiokafka issue 1017).
FATAL_ERRORS = (OutOfOrderSequenceNumber, UnknownProducerId, InvalidProducerEpoch, ProducerFenced)
# The record itself is refused for good: sending it again cannot help.
REFUSAL_ERRORS = (
    CorruptRecordException,
    InvalidTopicError,
    MessageSizeTooLargeError,
    PolicyViolationError,
    RecordTooLargeError,
    TopicAuthorizationFailedError,
    UnsupportedForMessageFormatError,
)


class RenewableProducer:
    """Same `send` / `send_and_wait` / `client` as AIOKafkaProducer; after a fatal error (or `renew`) the
    next send starts a fresh producer with a new producer id, so sequence numbers begin again."""

    def __init__(self, factory: Callable[[], AIOKafkaProducer]) -> None:
        self._factory = factory
        self._current: AIOKafkaProducer | None = None
        self._starting = asyncio.Lock()
        self._retired: set[asyncio.Task[None]] = set()
        self.renewals = 0

    async def start(self) -> None:
        """Start the first producer (raises while Kafka is unreachable)."""
        await self._ensure()

    async def stop(self) -> None:
        """Flush for a few seconds, then close: with Kafka away aiokafka's stop() alone would wait forever."""
        current, self._current = self._current, None
        if current is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(current.flush(), timeout=CLOSE_SECONDS)
            await _close_quietly(current)
        if self._retired:
            await asyncio.gather(*self._retired, return_exceptions=True)

    async def current(self) -> AIOKafkaProducer:
        """The producer sends go to now, started if need be (for record batches: `send_batch`)."""
        return self._current or await self._ensure()

    @property
    def client(self) -> Any:
        """The current producer's cluster client (metadata, readiness)."""
        if self._current is None:
            raise RuntimeError("producer not started")
        return self._current.client

    async def send(
        self, topic: str, value: Any = None, key: Any = None, **kwargs: Any
    ) -> asyncio.Future[Any]:
        """Enqueue one record; the future fails with the send's error. Whoever sees a fatal error in it
        calls `failed` (no callback per record: the relay sends tens of thousands a second)."""
        producer = self._current or await self._ensure()
        future: asyncio.Future[Any] = await producer.send(topic, value, key, **kwargs)
        return future

    async def send_and_wait(self, topic: str, value: Any = None, key: Any = None, **kwargs: Any) -> Any:
        """Send one record and wait for the broker's acknowledgement; a fatal error renews the producer."""
        producer = self._current or await self._ensure()
        try:
            return await (await producer.send(topic, value, key, **kwargs))
        except FATAL_ERRORS as exc:
            self.renew(producer, type(exc).__name__)
            raise

    def failed(self, error: BaseException) -> None:
        """Report a send's error: a fatal one retires the current producer."""
        if isinstance(error, FATAL_ERRORS):
            self.renew(reason=type(error).__name__)

    def renew(self, producer: AIOKafkaProducer | None = None, reason: str = "requested") -> None:
        """Retire `producer` (default: the current one); the next send starts a new one."""
        current = self._current
        if current is None or (producer is not None and producer is not current):
            return  # already renewed by another caller
        self._current = None
        self.renewals += 1
        log.warning("kafka producer renewed", extra={"reason": reason})
        task = asyncio.get_running_loop().create_task(_close_quietly(current))
        self._retired.add(task)
        task.add_done_callback(self._retired.discard)

    async def _ensure(self) -> AIOKafkaProducer:
        async with self._starting:
            if self._current is None:
                producer = self._factory()
                try:
                    await producer.start()
                except BaseException:
                    await _close_quietly(producer)
                    raise
                self._current = producer
            return self._current


async def _close_quietly(producer: AIOKafkaProducer) -> None:
    """Close a retired producer without delivering its queued batches: their rows are still unsent in the
    outbox and go out through the new producer, so delivering them later too would only duplicate them."""
    # aiokafka's stop() would flush them first; failing them is what its own transaction abort does
    producer._message_accumulator.fail_all(KafkaError("producer retired"))
    try:
        await asyncio.wait_for(producer.stop(), timeout=CLOSE_SECONDS)
    except Exception as exc:
        log.info("retired kafka producer closed uncleanly", extra={"error": type(exc).__name__})
