"""Consumer failure modes, records the engine must not choke on: binary headers, undecodable envelopes.

Each test was first written to fail on a defect found in review, then the kit was fixed.
"""

import asyncio
import logging

import pytest
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.dlqtool import read_dead_letters
from servicekit.kafka import ensure_topics

from libs.servicekit.tests.integration.consumer_probes import committed_offsets, has, polled_past, seen_codes
from libs.servicekit.tests.kit_events import ITEMS

pytestmark = pytest.mark.integration


# --- review 1: faststream's batch parser fails on a non-UTF-8 header: the batch is skipped, then committed


async def test_event_with_a_binary_header_and_its_batch_are_not_silently_skipped(
    make_runtime, kafka_server, item, faults, consumer_for, topic_prefix
):
    bootstrap = kafka_server.bootstrap_servers
    await ensure_topics(bootstrap, [ITEMS], topic_prefix)
    topic = topic_prefix + ITEMS.name
    value, headers = as_message(item("BINARY-1"))
    # A valid event that also carries a binary (non UTF-8) application header, as tracing/baggage
    # libraries or other producers may add; the kit's decoder ignores headers it does not know.
    binary = (value, [*headers, ("x-binary-trace", b"\xff\xfe\x00\x01")])
    # Produced before the consumer starts, so the first poll returns all three as one batch.
    await produce(bootstrap, topic, [as_message(item("BEFORE-1")), binary, as_message(item("BETWEEN-1"))])
    runtime = await make_runtime([consumer_for(faults)])
    await eventually(lambda: polled_past(runtime, 3), timeout=20)  # the first batch was polled
    await produce(bootstrap, topic, [as_message(item("AFTER-1"))])

    await eventually(lambda: has(runtime, "AFTER-1"), timeout=20)
    await asyncio.sleep(1)  # let the ack of the last batch reach the broker
    committed = await committed_offsets(bootstrap, topic_prefix + "kit", topic, ITEMS.partitions)
    letters = await read_dead_letters(bootstrap, topic)
    seen = await seen_codes(runtime)
    assert sorted(seen) == sorted(["BEFORE-1", "BINARY-1", "BETWEEN-1", "AFTER-1"]), (
        f"processed only {seen}, dead-lettered {len(letters)}, and the group committed {committed}: "
        "the first batch is skipped for good"
    )


class _CountErrors(logging.Handler):
    """Counts log records whose exception is of type `kind` (faststream logs each failed handling)."""

    def __init__(self, kind: type[BaseException]) -> None:
        super().__init__()
        self.kind, self.count = kind, 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and isinstance(record.exc_info[1], self.kind):
            self.count += 1


# --- review 2: a decoder exception that is not a RejectedEvent blocks the partition forever


async def test_envelope_the_decoder_chokes_on_is_dead_lettered_and_the_partition_moves_on(
    make_runtime, kafka_server, item, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    value, headers = as_message(item("BADTIME-1"))
    # RFC 3339 and a real date, but converting it to UTC leaves datetime's range: OverflowError,
    # which is not a RejectedEvent.
    headers = [(k, b"0001-01-01T00:00:00+01:00" if k == "ce_time" else v) for k, v in headers]
    errors = _CountErrors(OverflowError)
    logging.getLogger("servicekit.runtime").addHandler(errors)
    try:
        await produce(kafka_server.bootstrap_servers, topic, [(value, headers), as_message(item("NEXT-1"))])
        try:
            await eventually(lambda: has(runtime, "NEXT-1"), timeout=10)
        except AssertionError:
            pytest.fail(
                f"NEXT-1 never processed: the batch was redelivered {errors.count} times in 10 s "
                "(an endless loop with no backoff) and nothing was dead-lettered"
            )
    finally:
        logging.getLogger("servicekit.runtime").removeHandler(errors)
    [letter] = await read_dead_letters(kafka_server.bootstrap_servers, topic)
    assert letter.header("dlq_code")
