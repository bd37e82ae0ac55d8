"""Events a handler declares it would change nothing with are acknowledged without a transaction.

Real Kafka and PostgreSQL.
"""

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork

from libs.servicekit.tests.kit_events import ItemPublishedV1

pytestmark = pytest.mark.integration
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


async def test_ignored_events_leave_no_inbox_row_and_never_reach_the_handler(
    make_runtime, kafka_server, item
):
    consumer, handled = EventConsumer("kit", INTERNAL_ANY, ordering="per-key-strict"), []

    @consumer.on(ItemPublishedV1, ignore=lambda e: e.code.startswith("NOOP"))
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        handled.append(event.code)

    runtime = await make_runtime([consumer])
    topic = runtime.topic_name("kittest.items")
    codes = ["A", "NOOP-1", "B", "NOOP-2", "C"]
    await produce(kafka_server.bootstrap_servers, topic, [as_message(item(c)) for c in codes], key=b"item-1")

    await eventually(lambda: _equal(handled, ["A", "B", "C"]), timeout=20)
    async with runtime.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM inbox WHERE consumer LIKE '%kit'") == 3


async def _equal(handled: list[str], expected: list[str]) -> bool:
    return handled == expected
