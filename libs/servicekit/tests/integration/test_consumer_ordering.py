"""Per-key order across a dead letter: a per-key-strict consumer holds later events of the key behind it.

Real Kafka and PostgreSQL.
"""

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.dlqtool import read_dead_letters, redrive
from servicekit.retry import PermanentError

from libs.servicekit.tests.kit_events import ItemPublishedV1

pytestmark = pytest.mark.integration
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


def _consumer(ordering: str, broken: set[str], handled: list[str]) -> EventConsumer:
    consumer = EventConsumer("kit", INTERNAL_ANY, ordering=ordering)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        if event.code in broken:
            raise PermanentError("a bug for this version, fixed later")
        handled.append(event.code)

    return consumer


async def test_per_key_strict_consumer_holds_later_events_of_the_key_until_the_dead_letter_is_redriven(
    make_runtime, kafka_server, item
):
    broken, handled = {"V1"}, []
    runtime = await make_runtime([_consumer("per-key-strict", broken, handled)])
    topic, kafka = runtime.topic_name("kittest.items"), kafka_server.bootstrap_servers
    await produce(kafka, topic, [as_message(item("V1")), as_message(item("V2"))], key=b"item-7")
    await produce(kafka, topic, [as_message(item("OTHER-1"))], key=b"item-8")

    letters = await eventually(lambda: _letters(kafka, topic, 2), timeout=20, interval=0.5)
    assert [letter.header("dlq_code") for letter in letters] == [
        "rejected_by_handler",
        "held_behind_dead_letter",
    ]
    assert handled == ["OTHER-1"]  # V2 waits behind V1; another key does not

    broken.clear()  # the bug is fixed
    assert await redrive(kafka, topic) == 2
    await eventually(lambda: _handled(handled, ["OTHER-1", "V1", "V2"]), timeout=20)
    await produce(kafka, topic, [as_message(item("V3"))], key=b"item-7")  # the key is released
    await eventually(lambda: _handled(handled, ["OTHER-1", "V1", "V2", "V3"]), timeout=20)
    assert await read_dead_letters(kafka, topic) == []


async def test_independent_consumer_handles_later_events_of_the_key_before_the_redriven_one(
    make_runtime, kafka_server, item
):
    broken, handled = {"V1"}, []
    runtime = await make_runtime([_consumer("independent", broken, handled)])
    topic, kafka = runtime.topic_name("kittest.items"), kafka_server.bootstrap_servers
    await produce(kafka, topic, [as_message(item("V1")), as_message(item("V2"))], key=b"item-7")

    await eventually(lambda: _letters(kafka, topic, 1), timeout=20, interval=0.5)
    broken.clear()
    assert await redrive(kafka, topic) == 1
    await eventually(lambda: _handled(handled, ["V2", "V1"]), timeout=20)


async def _letters(kafka: str, topic: str, n: int):
    letters = await read_dead_letters(kafka, topic)
    return letters if len(letters) >= n else None


async def _handled(handled: list[str], expected: list[str]) -> bool:
    assert handled == expected[: len(handled)], f"handled out of order: {handled}"
    return handled == expected


async def test_a_key_held_before_a_restart_is_still_held_by_the_next_consumer(
    make_runtime, kafka_server, item
):
    """The holds of a polled batch are read from the database, not only remembered by the process."""
    first_handled: list[str] = []
    first = await make_runtime([_consumer("per-key-strict", {"V1"}, first_handled)])
    topic, kafka = first.topic_name("kittest.items"), kafka_server.bootstrap_servers
    await produce(kafka, topic, [as_message(item("V1"))], key=b"item-7")
    await eventually(lambda: _letters(kafka, topic, 1), timeout=20, interval=0.5)
    await first.stop()

    handled: list[str] = []
    await make_runtime([_consumer("per-key-strict", set(), handled)], migrate=False)
    await produce(kafka, topic, [as_message(item("V2"))], key=b"item-7")
    await produce(kafka, topic, [as_message(item("OTHER-1"))], key=b"item-8")
    letters = await eventually(lambda: _letters(kafka, topic, 2), timeout=30, interval=0.5)
    assert letters[1].header("dlq_code") == "held_behind_dead_letter"
    await eventually(lambda: _handled(handled, ["OTHER-1"]), timeout=20)
