"""The transactional outbox and its relay against real PostgreSQL and Kafka."""

import asyncio
import json

import pytest
from localinfra.polling import eventually
from localinfra.topics import read_topic
from servicekit.pruning import prune_outbox
from servicekit.relay import OutboxRelay

pytestmark = pytest.mark.integration


def relay_for(runtime, batch_size: int = 500) -> OutboxRelay:
    return OutboxRelay(
        runtime.pool,
        runtime.producer,
        runtime.telemetry.tracer,
        runtime.metrics,
        topic_prefix=runtime.settings.topic_prefix,
        batch_size=batch_size,
    )


async def test_rolled_back_transaction_leaves_no_event(make_runtime, kafka_server, item):
    runtime = await make_runtime()
    with pytest.raises(RuntimeError):
        async with runtime.uow() as uow:
            uow.record(item())
            raise RuntimeError("business rule failed after recording")
    assert await runtime.pool.fetchval("SELECT count(*) FROM outbox") == 0


async def test_committed_before_crash_is_published_once_after_restart(make_runtime, kafka_server, item):
    # The first runtime commits business state + outbox rows, then "crashes" before its relay publishes.
    crashed = await make_runtime(relay_enabled=False)  # its relay died before its first cycle
    events = [item(f"CRASH-{i}") for i in range(5)]
    async with crashed.uow() as uow:
        uow.record(*events)
    await crashed.stop()
    assert await _unsent(crashed) == 5

    restarted = await make_runtime()  # its relay publishes what the dead one left
    topic = restarted.topic_name("kittest.items")
    records = await read_topic(kafka_server.bootstrap_servers, topic, expected=5)
    ids = [dict(r.headers)["ce_id"].decode() for r in records]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert await _unsent(restarted) == 0


async def test_events_of_one_key_arrive_in_commit_order_with_several_relays(make_runtime, kafka_server, item):
    runtime = await make_runtime(relay_enabled=False)
    first = item("ORDER-0")
    same_key = [first.model_copy(update={"code": f"ORDER-{i}"}) for i in range(20)]
    for event in same_key:  # one transaction each: commit order is the order to keep
        async with runtime.uow() as uow:
            uow.record(event)
    relays = [relay_for(runtime, batch_size=3) for _ in range(3)]

    async def drain(relay: OutboxRelay) -> int:
        total = 0
        while sent := await relay.publish_pending():
            total += sent
        return total

    counts = await asyncio.gather(*(drain(r) for r in relays))
    assert sum(counts) == 20  # every row published by exactly one relay
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 20)
    assert [json.loads(r.value)["code"] for r in records] == [f"ORDER-{i}" for i in range(20)]
    assert {r.key for r in records} == {str(first.item_id).encode()}


async def test_published_message_carries_cloudevents_headers_and_key(make_runtime, kafka_server, item):
    runtime = await make_runtime()
    event = item("HDR-1")
    async with runtime.uow() as uow:
        uow.record(event)
    [record] = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 1)
    headers = {k: v.decode() for k, v in record.headers}
    assert record.key == str(event.item_id).encode()
    assert headers["ce_type"] == "vn.hanoi.learningcity.kittest.item.published.v1"
    assert headers["ce_source"] == "/vn/hanoi/learningcity/kittest"
    assert headers["ce_specversion"] == "1.0"
    assert headers["ce_dataclassification"] == "public"
    assert headers["content-type"] == "application/json"


async def test_relay_prunes_sent_rows_past_retention(make_runtime, item):
    runtime = await make_runtime(relay_enabled=False)
    async with runtime.uow() as uow:
        uow.record(item("PRUNE-1"), item("PRUNE-2"))
    relay = relay_for(runtime)
    assert await relay.publish_pending() == 2
    await eventually(lambda: _none_unsent(runtime))  # the batch is marked sent in the background
    await runtime.pool.execute("UPDATE outbox SET sent_at = now() - interval '100 hours'")
    assert await prune_outbox(runtime.pool, 72 * 3600, runtime.metrics) == 2
    await relay.observe_backlog()
    assert runtime.metrics.outbox_backlog._value.get() == 0


async def _none_unsent(runtime) -> bool:
    return await _unsent(runtime) == 0


async def _unsent(runtime) -> int:
    import asyncpg

    conn = await asyncpg.connect(runtime.settings.database_url.get_secret_value())
    try:
        return await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
    finally:
        await conn.close()


async def test_running_service_prunes_old_sent_rows_and_never_unsent_ones(make_runtime, item):
    runtime = await make_runtime(outbox_prune_seconds=0.2, outbox_keep_hours=1)
    async with runtime.uow() as uow:
        uow.record(item("OLD-SENT"), item("NEW-SENT"), item("OLD-REFUSED"))
    await eventually(lambda: _none_unsent(runtime))
    rows = {
        _code(r["payload"]): r["seq"] for r in await runtime.pool.fetch("SELECT seq, payload FROM outbox")
    }
    await runtime.pool.execute(
        "UPDATE outbox SET created_at = now() - interval '5 hours', sent_at = now() - interval '2 hours'"
        " WHERE seq = $1",
        rows["OLD-SENT"],
    )
    await runtime.pool.execute(  # never published (set aside as refused) and older than the retention
        "UPDATE outbox SET created_at = now() - interval '5 hours', sent_at = NULL,"
        " refused_at = now() - interval '5 hours', refused_reason = 'RecordTooLarge' WHERE seq = $1",
        rows["OLD-REFUSED"],
    )
    await eventually(lambda: _codes_left(runtime, {"NEW-SENT", "OLD-REFUSED"}))
    assert runtime.metrics.outbox_pruned._value.get() == 1


def _code(payload: bytes) -> str:
    return str(json.loads(payload)["code"])


async def _codes_left(runtime, expected: set[str]) -> bool:
    rows = await runtime.pool.fetch("SELECT payload FROM outbox")
    return {_code(r["payload"]) for r in rows} == expected
