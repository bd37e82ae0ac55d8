"""Per-source error report: each dead letter is counted under its sender; the valid stream goes on."""

import pytest
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.inbound_errors import error_report

from libs.servicekit.tests.kit_events import new_item

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
