"""The relay sends a batch as record batches per partition: partitions and key order as `send` kept them."""

import json

import pytest
from aiokafka.partitioner import murmur2 as aiokafka_murmur2
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration

PAD = "x" * 300_000  # three such rows fill a 1 MiB record batch: one partition gets several


def _padded(row: tuple, code: str) -> tuple:
    payload = {**json.loads(row[5]), "code": code, "pad": PAD}
    return (*row[:5], json.dumps(payload).encode())


async def test_rows_overflowing_a_record_batch_keep_their_key_order_and_partition(
    make_runtime, kafka_server, item
):
    runtime = await make_runtime(relay_enabled=False)
    big, small = item("BIG-0"), [item(f"SMALL-{i}") for i in range(6)]
    same_key = [big.model_copy(update={"code": f"BIG-{i}"}) for i in range(7)]
    # one key: one partition, whose rows need three record batches
    rows = [_padded(row, f"BIG-{i}") for i, row in enumerate(runtime.outbox.rows(same_key))]
    interleaved = [r for pair in zip(rows, runtime.outbox.rows(small), strict=False) for r in pair]
    async with runtime.uow() as uow:
        await runtime.outbox.write(uow.connection, [*interleaved, rows[-1]])
    assert await runtime.relay().publish_pending() == 13

    records = await read_topic(kafka_server.bootstrap_servers, runtime.topic_name("kittest.items"), 13)
    codes = [json.loads(r.value)["code"] for r in records if r.key == str(big.item_id).encode()]
    assert codes == [f"BIG-{i}" for i in range(7)], "one key's rows out of commit order"
    assert sorted(json.loads(r.value)["code"] for r in records if b"pad" not in r.value) == [
        f"SMALL-{i}" for i in range(6)
    ]
    for record in records:  # the partition aiokafka's own partitioner gives the key (3 partitions)
        assert record.partition == (aiokafka_murmur2(record.key) & 0x7FFFFFFF) % 3
