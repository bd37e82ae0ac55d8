"""`python -m <service> dlq`: lists any letter of any DLQ, redrives per group, never duplicates letters.

Real Kafka and PostgreSQL; the CLI runs as a subprocess (the content service's, for its env prefix).
"""

import asyncio
from collections import Counter

import pytest
from aiokafka import AIOKafkaProducer
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.kafka import ensure_topics
from servicekit.retry import PermanentError

from libs.servicekit.tests.kit_events import ITEMS, ItemPublishedV1
from libs.servicekit.tests.service_commands import dlq as cli

pytestmark = pytest.mark.integration
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


def _letter_headers(origin: str, offset: int, group: str = "g") -> list[tuple[str, bytes]]:
    return [
        ("dlq_reason", b"invalid CloudEvents headers"),
        ("dlq_code", b"invalid_envelope"),
        ("dlq_consumer_group", group.encode()),
        ("dlq_original_topic", origin.encode()),
        ("dlq_original_partition", b"0"),
        ("dlq_original_offset", str(offset).encode()),
    ]


async def test_dlq_list_shows_the_malformed_letters_the_engine_dead_letters(kafka_server, topic_prefix, item):
    kafka = kafka_server.bootstrap_servers
    await ensure_topics(kafka, [ITEMS], topic_prefix)
    origin = topic_prefix + ITEMS.name
    value, headers = as_message(item("MALFORMED-1"))
    binary = [(k, b"\xff\xfe" if k == "ce_type" else v) for k, v in headers]  # not UTF-8
    no_id = [(k, v) for k, v in headers if k != "ce_id"]
    await produce(
        kafka,
        origin + ".dlq",
        [(value, [*binary, *_letter_headers(origin, 0)]), (value, [*no_id, *_letter_headers(origin, 1)])],
    )

    listed = cli("list", "kittest.items", kafka=kafka, prefix=topic_prefix)

    assert [(e["ce_id"], e["malformed"]) for e in listed] == [
        (dict(headers)["ce_id"].decode(), True),
        (None, True),
    ]
    assert all(e["reason"] == "invalid CloudEvents headers" and e["origin"] == origin for e in listed)


async def test_dlq_list_reads_every_letter_up_to_the_end_it_saw_at_start(kafka_server, topic_prefix, item):
    kafka = kafka_server.bootstrap_servers
    await ensure_topics(kafka, [ITEMS], topic_prefix)
    origin = topic_prefix + ITEMS.name
    value, headers = as_message(item("MANY-1"))
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", linger_ms=20)
    await producer.start()
    try:  # more letters than one fetch returns, over every partition
        sent = [
            await producer.send(
                origin + ".dlq", value, key=str(i).encode(), headers=[*headers, *_letter_headers(origin, i)]
            )
            for i in range(3000)
        ]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()

    listed = cli("list", "kittest.items", kafka=kafka, prefix=topic_prefix)

    assert len(listed) == 3000
    assert len({(e["partition"], e["offset"]) for e in listed}) == 3000


def _failing_consumer(group: str, broken: dict[str, bool], calls: Counter[str]) -> EventConsumer:
    consumer = EventConsumer(group, INTERNAL_ANY)

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        calls[group] += 1
        if broken[group]:
            raise PermanentError("a bug for this item, fixed later")
        await uow.connection.execute(
            "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, $3)",
            str(event.item_id),
            event.item_id,
            f"{group}:{event.code}",
        )

    return consumer


async def test_redrive_reaches_only_the_group_that_dead_lettered_and_never_duplicates_letters(
    make_runtime, kafka_server, topic_prefix, item
):
    kafka = kafka_server.bootstrap_servers
    broken, calls = {"kit-a": True, "kit-b": True}, Counter[str]()
    runtime = await make_runtime([_failing_consumer(g, broken, calls) for g in broken])
    await produce(kafka, runtime.topic_name(ITEMS.name), [as_message(item("X-1"))])

    def listed() -> list[dict]:
        return cli("list", "kittest.items", kafka=kafka, prefix=topic_prefix)

    async def letters_of(*groups: str) -> bool:
        return sorted(e["group"] for e in await asyncio.to_thread(listed)) == [
            topic_prefix + g for g in groups
        ]

    await eventually(lambda: letters_of("kit-a", "kit-b"), timeout=20)
    broken["kit-a"] = False  # kit-a's bug is fixed; kit-b's is not
    assert cli("redrive", "kittest.items", kafka=kafka, prefix=topic_prefix) == [{"redriven": 2}]
    await eventually(lambda: _seen(runtime, "kit-a:X-1"), timeout=20)
    try:  # kit-b failed its own copy again: one letter, not two per group
        await eventually(lambda: letters_of("kit-b"), timeout=20)
    except AssertionError:
        pytest.fail(f"after one full redrive the DLQ lists {[e['group'] for e in listed()]}")

    broken["kit-b"] = False
    assert cli("redrive", "kittest.items", "--group", "kit-b", kafka=kafka, prefix=topic_prefix) == [
        {"redriven": 1}
    ]
    await eventually(lambda: _seen(runtime, "kit-b:X-1"), timeout=20)
    assert listed() == []
    assert calls == {"kit-a": 2, "kit-b": 3}  # kit-a never saw kit-b's redrive


async def _seen(runtime, code: str) -> bool:
    return bool(await runtime.pool.fetchval("SELECT count(*) FROM seen WHERE code = $1", code))
