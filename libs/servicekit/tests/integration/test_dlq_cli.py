"""`python -m <service> dlq list|redrive` against real Kafka: operators see why, and can replay."""

import json

import pytest
from aiokafka import AIOKafkaProducer
from contracts.envelope import Envelope, encode_event
from localinfra.topics import read_topic
from servicekit.kafka import ensure_topics

from libs.servicekit.tests.service_commands import dlq as cli

pytestmark = pytest.mark.integration


async def test_dlq_list_shows_reasons_and_redrive_by_id_replays_only_that_event(
    kafka_server, topic_prefix, item
):
    from libs.servicekit.tests.kit_events import ITEMS

    kafka = kafka_server.bootstrap_servers
    await ensure_topics(kafka, [ITEMS], topic_prefix)
    origin = topic_prefix + "kittest.items"
    events = [item("DLQ-1"), item("DLQ-2")]
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all")
    await producer.start()
    try:
        for i, event in enumerate(events):
            headers = [
                *Envelope.for_event(event, source="/t").to_headers(),
                ("dlq_reason", b"handler failed"),
                ("dlq_code", b"handler_failed"),
                ("dlq_original_topic", origin.encode()),
                ("dlq_original_offset", str(i).encode()),
                ("dlq_consumer_group", b"g"),
            ]
            await producer.send_and_wait(origin + ".dlq", encode_event(event), key=b"k", headers=headers)
    finally:
        await producer.stop()

    listed = cli("list", "kittest.items", kafka=kafka, prefix=topic_prefix)
    assert [(e["reason"], e["origin"]) for e in listed] == [("handler failed", origin)] * 2
    assert all("DLQ-" not in json.dumps(e) for e in listed)  # no payload in the listing: it may be personal

    wanted = listed[1]["ce_id"]
    assert cli("redrive", "kittest.items", "--id", wanted, kafka=kafka, prefix=topic_prefix) == [
        {"redriven": 1}
    ]
    [replayed] = await read_topic(kafka, origin, expected=1)
    headers = dict(replayed.headers)
    assert headers["ce_id"].decode() == wanted and "dlq_reason" not in headers
    assert json.loads(replayed.value)["code"] == "DLQ-2"
