"""The relay claims and sends the next batch while earlier ones await their answers, keeping key order."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

import pytest
from aiokafka.structs import TopicPartition
from localinfra.polling import eventually
from localinfra.topics import read_topic
from servicekit.relay import OutboxRelay
from servicekit.relaypublish import BatchPublisher

pytestmark = pytest.mark.integration
HOLD_SECONDS = 3.0  # the first batch's answers are held this long at most, waiting for a second batch


class SlowFirstAnswers:
    """Wraps the real publisher: the first batch's outcome (after Kafka's real answers) is handed back
    only once a second batch has started, or after HOLD_SECONDS. Records each call's rows and overlaps."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[list[tuple[str, int]]] = []  # (key, seq) per publish call
        self.overlapped = False
        self.shared_keys: list[str] = []  # keys in two publish calls unsettled at once
        self._second, self._active = asyncio.Event(), dict[int, set[str]]()
        real = BatchPublisher.publish

        async def publish(publisher: BatchPublisher, rows, timeout):  # type: ignore[no-untyped-def]
            call = len(self.calls)
            self.calls.append([(r["message_key"], r["seq"]) for r in rows])
            keys = {r["message_key"] for r in rows}
            self.shared_keys += [k for active in self._active.values() for k in keys & active]
            self._active[call] = keys
            if call == 1:
                self._second.set()
            try:
                outcome = await real(publisher, rows, timeout)
                if call == 0:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(HOLD_SECONDS):
                            await self._second.wait()
                    self.overlapped = self._second.is_set()
                return outcome
            finally:
                del self._active[call]

        monkeypatch.setattr(BatchPublisher, "publish", publish)


@contextlib.asynccontextmanager
async def running(relay: OutboxRelay) -> AsyncIterator[None]:
    task = asyncio.create_task(relay.run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _until_settled(runtime, rows: int) -> None:
    query = "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL OR refused_at IS NOT NULL"

    async def settled() -> bool:
        return bool(await runtime.pool.fetchval(query) >= rows)

    await eventually(settled, timeout=20)


async def test_the_next_batch_is_sent_while_the_previous_one_awaits_its_answers(
    make_runtime, kafka_server, item, monkeypatch
):
    runtime = await make_runtime(relay_enabled=False, relay_batch_size=2)
    async with runtime.uow() as uow:
        uow.record(*(item(f"PIPE-{i}") for i in range(6)))  # six keys: nothing to hold back
    spy = SlowFirstAnswers(monkeypatch)
    async with running(runtime.relay()):
        await _until_settled(runtime, 6)

    assert spy.overlapped, "the second batch waited for the first batch's answers (one batch at a time)"
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 6)
    assert sorted(json.loads(r.value)["code"] for r in records) == [f"PIPE-{i}" for i in range(6)]


async def test_rows_of_a_key_in_flight_wait_for_its_batch_and_keep_their_order(
    make_runtime, kafka_server, item, monkeypatch
):
    runtime = await make_runtime(relay_enabled=False, relay_batch_size=2)
    first, other = item("KEY-A0"), item("KEY-B0")
    a_rows = [first.model_copy(update={"code": f"KEY-A{i}"}) for i in range(4)]
    async with runtime.uow() as uow:  # A0 A1 | A2 B0 | A3 ...: A2 is claimed while A0, A1 are in flight
        uow.record(*a_rows[:2], a_rows[2], other, a_rows[3])
    spy = SlowFirstAnswers(monkeypatch)
    async with running(runtime.relay()):
        await _until_settled(runtime, 5)

    assert spy.overlapped, "B0 should have been sent while A's first rows awaited their answers"
    assert spy.shared_keys == [], "a key had rows in two unsettled batches at once"
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 5)
    a_key = str(first.item_id).encode()
    assert [json.loads(r.value)["code"] for r in records if r.key == a_key] == [f"KEY-A{i}" for i in range(4)]


async def test_a_refused_row_holds_its_keys_later_rows_claimed_while_it_was_in_flight(
    make_runtime, kafka_server, item, monkeypatch
):
    runtime = await make_runtime(relay_enabled=False, relay_batch_size=2)
    refused, other = item("HOLD-A0"), item("HOLD-B0")
    later = [refused.model_copy(update={"code": f"HOLD-A{i}"}) for i in (1, 2)]
    [refused_row] = runtime.outbox.rows([refused])
    refused_row = (*refused_row[:5], b"x" * (2 << 20))  # over max_request_size: refused by the producer
    rows = [refused_row, *runtime.outbox.rows([other]), *runtime.outbox.rows(later)]
    async with runtime.uow() as uow:  # A0(refused) B0 | A1 A2: A1 is claimed while A0 is in flight
        await runtime.outbox.write(uow.connection, rows)
    SlowFirstAnswers(monkeypatch)
    async with running(runtime.relay()):
        await _until_settled(runtime, 2)
        await asyncio.sleep(1.0)  # several more claims (poll 0.2 s): none may send A1 or A2

    states = await runtime.pool.fetch(
        "SELECT sent_at IS NOT NULL AS sent, refused_at IS NOT NULL AS refused FROM outbox ORDER BY seq"
    )
    held = (False, False)
    assert [(s["sent"], s["refused"]) for s in states] == [(False, True), (True, False), held, held]
    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 1)
    assert [json.loads(r.value)["code"] for r in records] == ["HOLD-B0"]


async def test_batches_in_flight_when_the_producer_breaks_go_out_again_in_key_order(
    make_runtime, kafka_server, item
):
    runtime = await make_runtime(relay_batch_size=1, relay_in_flight=4)  # one row a batch: four in flight
    topic = runtime.topic_name("kittest.items")
    first = item("BREAK-0")
    async with runtime.uow() as uow:
        uow.record(first)
    [record] = await read_topic(kafka_server.bootstrap_servers, topic, 1)
    # as an expired batch leaves it (aiokafka issue 1017): every later send to the partition fails for good
    inner = runtime.producer._current
    inner._txn_manager._sequence_numbers[TopicPartition(topic, record.partition)] += 7
    later = [first.model_copy(update={"code": f"BREAK-{i}"}) for i in range(1, 5)]
    others = [item(f"OTHER-{i}") for i in range(4)]
    async with runtime.uow() as uow:
        uow.record(*(row for pair in zip(later, others, strict=True) for row in pair))

    async def all_sent() -> bool:
        return bool(await runtime.pool.fetchval("SELECT count(*) = 0 FROM outbox WHERE sent_at IS NULL"))

    await eventually(all_sent, timeout=20)
    assert runtime.producer.renewals >= 1
    records = await read_topic(kafka_server.bootstrap_servers, topic, 9)
    codes = [json.loads(r.value)["code"] for r in records]
    assert set(codes) == {f"BREAK-{i}" for i in range(5)} | {f"OTHER-{i}" for i in range(4)}
    key = str(first.item_id).encode()
    firsts = list(dict.fromkeys(json.loads(r.value)["code"] for r in records if r.key == key))
    assert firsts == [f"BREAK-{i}" for i in range(5)], "a row of the key overtook an earlier one"
