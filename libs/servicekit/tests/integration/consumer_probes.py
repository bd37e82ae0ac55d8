"""What the consumer failure-mode tests observe: handled codes, the group's commits, the position."""

from aiokafka import AIOKafkaConsumer, TopicPartition


async def seen_codes(runtime) -> list[str]:
    """Codes of the items the test handler recorded, in order."""
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def committed_offsets(bootstrap: str, group: str, topic: str, partitions: int) -> dict[int, int]:
    """The group's committed offsets on `topic` (partitions without a commit left out)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        offsets = {p: await consumer.committed(TopicPartition(topic, p)) for p in range(partitions)}
        return {p: o for p, o in offsets.items() if o is not None}
    finally:
        await consumer.stop()


async def has(runtime, code: str) -> bool:
    """True once the item `code` was handled."""
    return code in await seen_codes(runtime)


async def polled_past(runtime, offset: int) -> bool:
    """True once the runtime's consumer position passed `offset` on some partition (test introspection)."""
    for subscriber in runtime._broker.subscribers:
        consumer = subscriber.consumer
        if consumer is None:
            continue
        for tp in consumer.assignment():
            if await consumer.position(tp) >= offset:
                return True
    return False


async def count(runtime, n: int) -> bool:
    """True once at least `n` items were handled."""
    return await runtime.pool.fetchval("SELECT count(*) FROM seen") >= n
