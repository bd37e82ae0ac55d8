"""Per-source error report: each dead letter or refusal is counted under its sender; the stream goes on."""

import pytest
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters
from servicekit.inbound_errors import error_report

from libs.servicekit.tests.integration.conftest import INTERNAL_ANY
from libs.servicekit.tests.kit_events import ItemPublishedV1, new_item, record_seen

pytestmark = pytest.mark.integration

DISTRICT_A = "/vn/hanoi/city/district-a"


async def _codes(runtime) -> list[str]:
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def test_invalid_then_valid_on_one_partition_counts_the_error_under_its_sender_and_handles_the_valid(
    make_runtime, kafka_server, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    good, headers = as_message(new_item("CITY-1"), source=DISTRICT_A)
    forged = as_message(new_item("FORGED"), source="/vn/hanoi/city/somebody-else")
    messages = [(b"{not json", headers), forged, (b"{not json either", headers), (good, headers)]
    await produce(kafka_server.bootstrap_servers, topic, messages)  # one key: one partition, in order

    await eventually(lambda: _handled(runtime, "CITY-1"))
    async with runtime.pool.acquire() as conn:
        mine = await eventually(lambda: _report(conn, "district-a", 2))
        everyone = await error_report(conn, None)
    expected = [("district-a", topic, "invalid_payload", 2)]
    assert [(e.source, e.topic, e.code, e.count) for e in mine] == expected
    assert {(e.source, e.code) for e in everyone} == {
        ("district-a", "invalid_payload"),
        ("unknown", "untrusted-source"),
    }
    metric = runtime.metrics.inbound_errors.labels("district-a", topic, "invalid_payload")
    assert metric._value.get() == 2
    assert await _codes(runtime) == ["CITY-1"]


async def _handled(runtime, code: str) -> bool:
    return code in await _codes(runtime)


async def _report(conn, source: str, count: int):
    report = await error_report(conn, source)
    return report if sum(e.count for e in report) >= count else None


class UnknownItem(ValueError):
    """A domain refusal as a service writes it: no kit import, only the marker's class attributes."""

    kind = "unknown-item"
    count_not_dead_letter = True


def refusing_consumer(calls: list[str]) -> EventConsumer:
    consumer = EventConsumer("kit", INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        calls.append(event.code)
        if event.code.startswith("REFUSE"):
            raise UnknownItem("no such item here")  # the handler just raises
        await record_seen(uow, event)

    return consumer


async def test_a_refusal_a_handler_raises_is_counted_under_its_sender_once_not_retried_or_dead_lettered(
    make_runtime, kafka_server
):
    calls: list[str] = []
    runtime = await make_runtime([refusing_consumer(calls)])
    topic = runtime.topic_name("kittest.items")
    messages = [as_message(new_item(code), source=DISTRICT_A) for code in ("REFUSE-1", "CITY-2")]
    await produce(kafka_server.bootstrap_servers, topic, messages)  # one key: one partition, in order

    await eventually(lambda: _handled(runtime, "CITY-2"))
    async with runtime.pool.acquire() as conn:
        report = await eventually(lambda: _report(conn, "district-a", 1))
    assert [(e.source, e.topic, e.code, e.count) for e in report] == [
        ("district-a", topic, "unknown-item", 1)
    ]
    assert calls == ["REFUSE-1", "CITY-2"]  # a refusal is an answer: no retry
    assert await read_dead_letters(kafka_server.bootstrap_servers, topic) == []
    assert runtime.metrics.inbound_errors.labels("district-a", topic, "unknown-item")._value.get() == 1
