"""Stuck modes of the outbox relay (issue 6): nothing lost, yet nothing moved. Real Kafka and PostgreSQL.

Each test was first run against the relay before the fix and failed there.
"""

import asyncio
import json
import os
import subprocess
import sys

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import InvalidReplicationFactorError
from aiokafka.structs import TopicPartition
from contracts.topics import FOREVER, Topic
from localinfra.polling import eventually
from localinfra.topics import read_topic
from opentelemetry import trace
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from servicekit.kafka import ensure_topics

pytestmark = pytest.mark.integration


async def _unsent(runtime) -> int:
    return await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")


def _inner_producer(runtime):
    """The aiokafka producer doing the sending (the shared one may wrap it)."""
    return getattr(runtime.producer, "_current", None) or runtime.producer


# --- 1 + 11: a fatal producer error (OutOfOrderSequenceNumber) stops every later send to the partition


async def test_relay_recovers_from_a_producer_whose_sequence_numbers_broke(
    make_runtime, kafka_server, item, caplog
):
    runtime = await make_runtime()
    spans = InMemorySpanExporter()
    runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
    topic = runtime.topic_name("kittest.items")
    first = item("SEQ-0")
    async with runtime.uow() as uow:
        uow.record(first)
    [record] = await read_topic(kafka_server.bootstrap_servers, topic, 1)
    # What an expired batch leaves behind (aiokafka issue 1017): the producer's next sequence number for
    # the partition is ahead of the broker's, so the broker answers OUT_OF_ORDER_SEQUENCE_NUMBER for good.
    tp = TopicPartition(topic, record.partition)
    _inner_producer(runtime)._txn_manager._sequence_numbers[tp] += 7

    with runtime.telemetry.tracer.start_as_current_span("use case") as use_case:
        async with runtime.uow() as uow:  # same key: same partition
            uow.record(*(first.model_copy(update={"code": f"SEQ-{i}"}) for i in range(1, 4)))
    try:
        await eventually(lambda: _all_sent(runtime), timeout=15)
    except AssertionError:
        pytest.fail("the relay never recovers: every send fails with OutOfOrderSequenceNumber")
    records = await read_topic(kafka_server.bootstrap_servers, topic, 4)
    assert [json.loads(r.value)["code"] for r in records] == [f"SEQ-{i}" for i in range(4)]
    failures = runtime.metrics.outbox_publish_failures.labels("OutOfOrderSequenceNumber")._value.get()
    assert failures >= 1
    logged = [r for r in caplog.records if r.getMessage() == "outbox rows not published, will retry"]
    assert {r.error for r in logged} >= {"OutOfOrderSequenceNumber"}
    # item 11: the PRODUCER span lasts until the broker answers, so it carries the refusal
    publish = [s for s in spans.get_finished_spans() if s.kind == trace.SpanKind.PRODUCER]
    failed = [s for s in publish if s.status.status_code == trace.StatusCode.ERROR]
    assert failed, "no PRODUCER span shows the failed publish: the span ended before the broker answered"
    assert any(e.name == "exception" for e in failed[0].events)
    # the rows were written in the use case's transaction: that transaction span is the publish's parent
    use_case_id = use_case.get_span_context().span_id
    [transaction] = [s for s in spans.get_finished_spans() if s.parent and s.parent.span_id == use_case_id]
    assert transaction.context.span_id in {s.parent.span_id for s in publish if s.parent}


async def _all_sent(runtime) -> bool:
    return await _unsent(runtime) == 0


# --- 3: refused rows at the head of the outbox fill every claimed batch


def outbox_cli(*args: str, dsn: str) -> list[dict]:
    env = {**os.environ, "CONTENT_DATABASE_URL": dsn}
    out = subprocess.run(
        [sys.executable, "-m", "content", "outbox", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


async def test_rows_refused_at_the_head_do_not_stop_other_rows_and_can_be_retried(
    make_runtime, kafka_server, topic_prefix, item
):
    runtime = await make_runtime(relay_batch_size=5)
    good = [item(f"GOOD-{i}") for i in range(3)]
    unknown_topic = [
        (*row[:1], "kit.not-created", *row[2:])
        for row in runtime.outbox.rows([item(f"LOST-{i}") for i in range(8)])
    ]  # more refused rows than a batch: unknown topic, auto-creation off
    async with runtime.uow() as uow:
        await runtime.outbox.write(uow.connection, [*unknown_topic, *runtime.outbox.rows(good)])
    topic = runtime.topic_name("kittest.items")
    try:
        await eventually(lambda: _sent_codes(runtime, {"GOOD-0", "GOOD-1", "GOOD-2"}), timeout=10)
    except AssertionError:
        pytest.fail("rows of other keys and topics are never published behind 8 refused rows")
    records = await read_topic(kafka_server.bootstrap_servers, topic, 3)
    assert sorted(json.loads(r.value)["code"] for r in records) == ["GOOD-0", "GOOD-1", "GOOD-2"]

    dsn = runtime.settings.database_url.get_secret_value()
    refused = outbox_cli("list-refused", dsn=dsn)
    assert len(refused) == 8
    assert {r["reason"] for r in refused} == {"UnknownTopicOrPartitionError"}
    await eventually(lambda: _gauge_is(runtime.metrics.outbox_refused_rows, 8), timeout=5)

    await ensure_topics(
        kafka_server.bootstrap_servers, [Topic("kit.not-created", 1, FOREVER, "", ())], topic_prefix
    )
    assert outbox_cli("retry", dsn=dsn) == [{"retried": 8}]
    await eventually(lambda: _all_sent(runtime), timeout=15)
    assert outbox_cli("list-refused", dsn=dsn) == []


async def test_rows_behind_a_refused_row_of_their_key_wait_while_other_keys_flow(make_runtime, item):
    runtime = await make_runtime()
    big = item("TOO-BIG")
    [big_row] = runtime.outbox.rows([big])
    big_row = (*big_row[:5], b"x" * (2 << 20))  # over max_request_size: refused by the producer itself
    same_key = big.model_copy(update={"code": "AFTER-BIG"})
    async with runtime.uow() as uow:
        await runtime.outbox.write(
            uow.connection, [big_row, *runtime.outbox.rows([same_key, item("OTHER-KEY")])]
        )
    await eventually(lambda: _sent_codes(runtime, {"OTHER-KEY"}), timeout=10)
    assert not await _sent_codes(runtime, {"AFTER-BIG"})  # its key's earlier row is not out yet: order
    [listed] = outbox_cli("list-refused", dsn=runtime.settings.database_url.get_secret_value())
    assert listed["reason"] == "MessageSizeTooLargeError" and listed["held_behind"] == 1


async def _sent_codes(runtime, codes: set[str]) -> bool:
    rows = await runtime.pool.fetch("SELECT payload FROM outbox WHERE sent_at IS NOT NULL")
    return codes <= {json.loads(bytes(r["payload"]))["code"] for r in rows}


async def _gauge_is(gauge, value: float) -> bool:
    return gauge._value.get() == value


# --- 9: pruning only ran on idle cycles: under steady traffic it never ran


async def test_sent_rows_are_pruned_under_continuous_traffic(make_runtime, item):
    runtime = await make_runtime(outbox_prune_seconds=0.5)
    async with runtime.uow() as uow:
        uow.record(*(item(f"OLD-{i}") for i in range(5)))
    await eventually(lambda: _all_sent(runtime), timeout=10)
    await runtime.pool.execute("UPDATE outbox SET sent_at = now() - interval '100 hours'")

    async def old_rows_left() -> int:
        return await runtime.pool.fetchval(
            "SELECT count(*) FROM outbox WHERE sent_at < now() - interval '1 hour'"
        )

    for i in range(60):  # an event every 50 ms for 3 s: the relay is never idle for long
        async with runtime.uow() as uow:
            uow.record(item(f"BUSY-{i}"))
        if not await old_rows_left():
            break
        await asyncio.sleep(0.05)
    assert await old_rows_left() == 0, "3 s of steady traffic and the expired rows are still there"


# --- 10: topics were created with replication factor 1 and the broker's min.insync.replicas


async def test_created_topics_carry_min_insync_replicas_from_settings(make_runtime, kafka_server):
    runtime = await make_runtime(topic_replication_factor=1, topic_min_insync_replicas=1)
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_server.bootstrap_servers)
    await admin.start()
    try:
        name = runtime.topic_name("kittest.items")
        [description] = await admin.describe_topics([name])
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
    finally:
        await admin.close()
    assert len(description["partitions"]) == 3  # from the contract
    assert {len(p["replicas"]) for p in description["partitions"]} == {1}
    entries = {entry[0]: entry for entry in response.resources[0][4]}
    value, source = entries["min.insync.replicas"][1], entries["min.insync.replicas"][3]
    assert (value, source) == ("1", 1), "min.insync.replicas is the broker default, not set on the topic"


async def test_replication_factor_comes_from_settings(make_runtime):
    runtime = await make_runtime(start=False, topic_replication_factor=2, topic_min_insync_replicas=2)
    with pytest.raises(InvalidReplicationFactorError):  # the test broker is one node: 2 replicas refused
        await runtime.start()
