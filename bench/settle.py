"""Wait until the services' consumer groups have read everything (no lag): a latency measured behind a
backlog (thousands of wrk enrolments, the learners' registrations) times the queue, not the path."""

import asyncio
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

SERVICES = ("notifications", "reporting")  # the consumers the latency rows read


async def lag(bootstrap: str, services: tuple[str, ...] = SERVICES) -> int:
    """Records published but not yet committed by the consumer groups of `services` (their names start
    with the service's name), over every partition they have committed on."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    await admin.start()
    await consumer.start()
    try:
        groups = [g[0] for g in await admin.list_consumer_groups() if str(g[0]).startswith(services)]
        committed: dict[tuple[str, TopicPartition], int] = {}
        for group in groups:
            offsets = await admin.list_consumer_group_offsets(group)
            committed |= {(group, tp): o.offset for tp, o in offsets.items() if o.offset >= 0}
        ends = await consumer.end_offsets(list({tp for _, tp in committed}))
        return sum(max(0, ends[tp] - offset) for (_, tp), offset in committed.items())
    finally:
        await consumer.stop()
        await admin.close()


async def settle(bootstrap: str, timeout: float) -> float:
    """Wait (at most `timeout` s) until notifications and reporting have no lag; print how long it took,
    or the lag left at the timeout (the figures that follow are then behind a queue, as printed)."""
    began = time.monotonic()
    left = await lag(bootstrap)
    while left and time.monotonic() - began < timeout:
        await asyncio.sleep(1)
        left = await lag(bootstrap)
    waited = time.monotonic() - began
    note = f"{left} records still unread after {waited:.0f} s" if left else f"settled in {waited:.0f} s"
    print(f"consumers of {', '.join(SERVICES)}: {note}", flush=True)
    return waited
