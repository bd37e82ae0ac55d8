"""Idempotent consumers, poison messages, retries and dead-lettering, against real Kafka and PostgreSQL."""

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce, read_topic
from servicekit.dlqtool import read_dead_letters, redrive

from libs.servicekit.tests.kit_events import new_member

pytestmark = pytest.mark.integration


async def seen_codes(runtime) -> list[str]:
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def test_redelivered_event_has_one_effect(make_runtime, kafka_server, item, faults, consumer_for):
    runtime = await make_runtime([consumer_for(faults)])
    event = item("TWICE-1")
    message = as_message(event)
    topic = runtime.topic_name("kittest.items")
    await produce(kafka_server.bootstrap_servers, topic, [message, message])
    await produce(kafka_server.bootstrap_servers, topic, [as_message(item("AFTER-1"))])
    await eventually(lambda: _has(runtime, "AFTER-1"))
    assert await seen_codes(runtime) == ["TWICE-1", "AFTER-1"]
    assert await runtime.pool.fetchval("SELECT count(*) FROM inbox") == 2


async def test_two_instances_share_partitions_and_process_each_event_once(
    make_runtime, kafka_server, item, faults, consumer_for, topic_prefix
):
    first = await make_runtime([consumer_for(faults)])
    second = await make_runtime([consumer_for(faults)])
    await eventually(
        lambda: _group_members(kafka_server.bootstrap_servers, topic_prefix + "kit", 2), timeout=40
    )
    events = [item(f"SHARE-{i}") for i in range(30)]
    producer = AIOKafkaProducer(bootstrap_servers=kafka_server.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for e in events:  # keyed by item id: spread over the 3 partitions
            value, headers = as_message(e)
            await producer.send_and_wait(
                first.topic_name("kittest.items"), value, key=e.aggregate_id().encode(), headers=headers
            )
    finally:
        await producer.stop()
    await eventually(lambda: _count(first, 30), timeout=40)
    assert sorted(await seen_codes(first)) == sorted(e.code for e in events)
    handled = [_handled(r) for r in (first, second)]
    assert all(n > 0 for n in handled) and sum(handled) == 30


@pytest.mark.parametrize(
    ("kind", "value", "drop", "override", "code"),
    [
        ("bad json", b"{not json", None, {}, "invalid_payload"),
        ("no ce_type", None, "ce_type", {}, "malformed_envelope"),
        (
            "unknown type",
            None,
            None,
            {"ce_type": b"vn.hanoi.learningcity.kittest.item.deleted.v1"},
            "unknown_event_type",
        ),
        (
            "unknown major",
            None,
            None,
            {"ce_type": b"vn.hanoi.learningcity.kittest.item.published.v9"},
            "unknown_major_version",
        ),
        ("invalid payload", b'{"item_id": "not-a-uuid"}', None, {}, "invalid_payload"),
    ],
)
async def test_poison_message_is_dead_lettered_with_reason_and_next_one_processed(
    make_runtime, kafka_server, item, faults, consumer_for, kind, value, drop, override, code
):
    runtime = await make_runtime([consumer_for(faults)])
    good_value, headers = as_message(item("POISON-1"))
    headers = [(k, override.get(k, v)) for k, v in headers if k != drop]
    topic = runtime.topic_name("kittest.items")
    await produce(kafka_server.bootstrap_servers, topic, [(value or good_value, headers)])
    await produce(kafka_server.bootstrap_servers, topic, [as_message(item("NEXT-1"))])
    await eventually(lambda: _has(runtime, "NEXT-1"))
    [letter] = await read_topic(kafka_server.bootstrap_servers, topic + ".dlq", expected=1)
    dlq = {k: v.decode() for k, v in letter.headers if k.startswith("dlq_")}
    assert dlq["dlq_code"] == code, dlq
    assert dlq["dlq_reason"]
    assert dlq["dlq_original_topic"] == topic and dlq["dlq_original_offset"] == "0"
    assert dlq["dlq_consumer_group"].endswith("kit") and "dlq_failed_at" in dlq
    assert await seen_codes(runtime) == ["NEXT-1"]


async def test_event_beyond_the_consumers_clearance_is_dead_lettered(
    make_runtime, kafka_server, item, faults, consumer_for
):
    public_only = Clearance(DataClassification.PUBLIC, frozenset({DataCategory.NON_PERSONAL}))
    runtime = await make_runtime([consumer_for(faults, clearance=public_only)])
    member = new_member()  # internal, personal
    topic = runtime.topic_name("kittest.members")
    await produce(kafka_server.bootstrap_servers, topic, [as_message(member)])
    await produce(
        kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), [as_message(item("OK-2"))]
    )
    await eventually(lambda: _has(runtime, "OK-2"))
    [letter] = await eventually(lambda: read_dead_letters(kafka_server.bootstrap_servers, topic))
    assert letter.header("dlq_code") == "not_cleared"
    assert "MEMBER" not in await seen_codes(runtime)


async def test_transient_failure_is_retried_then_succeeds(
    make_runtime, kafka_server, item, faults, consumer_for
):
    faults.transient = 2  # fails twice, attempts are 3
    runtime = await make_runtime([consumer_for(faults)])
    await produce(
        kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), [as_message(item("FLAKY-1"))]
    )
    await eventually(lambda: _has(runtime, "FLAKY-1"))
    assert faults.calls == 3
    assert await seen_codes(runtime) == ["FLAKY-1"]  # the failed attempts rolled back


async def test_persistent_failure_is_dead_lettered_then_redriven_and_processed(
    make_runtime, kafka_server, item, faults, consumer_for
):
    faults.always_fail_codes = {"BROKEN-1"}
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    event = item("BROKEN-1")
    await produce(kafka_server.bootstrap_servers, topic, [as_message(event), as_message(item("OK-1"))])
    await eventually(lambda: _has(runtime, "OK-1"))
    letters = await eventually(lambda: read_dead_letters(kafka_server.bootstrap_servers, topic))
    assert [letter.header("dlq_code") for letter in letters] == ["handler_failed"]
    assert letters[0].header("dlq_attempts") == "3"
    assert "RuntimeError" in letters[0].header("dlq_reason")
    assert await seen_codes(runtime) == ["OK-1"]

    faults.always_fail_codes.clear()  # the dependency is fixed: redrive
    assert await redrive(kafka_server.bootstrap_servers, topic, [letters[0].event_id]) == 1
    await eventually(lambda: _has(runtime, "BROKEN-1"))
    assert await seen_codes(runtime) == ["OK-1", "BROKEN-1"]


async def test_permanent_error_is_dead_lettered_without_retries(
    make_runtime, kafka_server, item, faults, consumer_for
):
    faults.permanent_codes = {"BANNED-1"}
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    await produce(kafka_server.bootstrap_servers, topic, [as_message(item("BANNED-1"))])
    [letter] = await eventually(lambda: read_dead_letters(kafka_server.bootstrap_servers, topic))
    assert letter.header("dlq_code") == "rejected_by_handler"
    assert letter.header("dlq_attempts") == "1"
    assert faults.calls == 1


async def _has(runtime, code: str) -> bool:
    return code in await seen_codes(runtime)


async def _count(runtime, n: int) -> bool:
    return await runtime.pool.fetchval("SELECT count(*) FROM seen") >= n


def _handled(runtime) -> int:
    return int(
        sum(
            s.value
            for m in runtime.metrics.events_handled.collect()
            for s in m.samples
            if s.name.endswith("_total") and s.labels["outcome"] == "handled"
        )
    )


async def _group_members(bootstrap: str, group: str, n: int) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        [response] = await admin.describe_consumer_groups([group])
        [described] = response.to_object()["groups"]
        return len(described["members"]) >= n and described["state"] == "Stable"
    finally:
        await admin.close()
