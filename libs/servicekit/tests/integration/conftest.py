"""A minimal service built on the kit, against real Kafka and PostgreSQL."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.retry import PermanentError
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings

from libs.servicekit.tests.kit_events import (
    ITEMS,
    ItemPublishedV1,
    MemberJoinedV1,
    kit_events,
    new_item,
    record_seen,
)

MIGRATIONS = Path(__file__).parent / "migrations"
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


@dataclass
class Faults:
    """Makes the test handler fail on purpose: `transient` times, or permanently for given codes."""

    transient: int = 0
    always_fail_codes: set[str] = field(default_factory=set)
    permanent_codes: set[str] = field(default_factory=set)
    calls: int = 0


def build_consumer(
    faults: Faults,
    group: str = "kit",
    clearance: Clearance = INTERNAL_ANY,
) -> EventConsumer:
    consumer = EventConsumer(group, clearance)

    @consumer.on(MemberJoinedV1)
    async def record_member(event: MemberJoinedV1, uow: UnitOfWork) -> None:
        await uow.connection.execute(
            "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, 'MEMBER')",
            str(event.member_id),
            event.item_id,
        )

    @consumer.on(ItemPublishedV1)
    async def record(event: ItemPublishedV1, uow: UnitOfWork) -> None:
        faults.calls += 1
        await record_seen(uow, event)
        if event.code in faults.permanent_codes:
            raise PermanentError("code is banned")
        if event.code in faults.always_fail_codes or faults.transient > 0:
            faults.transient -= 1
            raise RuntimeError("flaky dependency")

    return consumer


RuntimeFactory = Callable[..., Awaitable[ServiceRuntime]]


@pytest.fixture
async def make_runtime(kafka_server, fresh_database, topic_prefix) -> AsyncIterator[RuntimeFactory]:
    """Builds started runtimes on one fresh database; stops them all at teardown."""
    database = await fresh_database("kit")
    started: list[ServiceRuntime] = []

    async def factory(
        consumers: list[EventConsumer] = (), start: bool = True, migrate: bool = True, **overrides
    ) -> ServiceRuntime:
        defaults = {
            "kafka_bootstrap": kafka_server.bootstrap_servers,
            "relay_poll_seconds": 0.2,
            "consumer_max_attempts": 3,
            "consumer_backoff_seconds": 0.01,
            "consumer_backoff_max_seconds": 0.05,
            "jwt_dev_secret": "kit-test-signing-key-0123456789abcdef",  # apps built on it need a key
        }
        # The runtime produces content's course events, which consumers trust only from content's source.
        settings = ServiceSettings(
            service_name="kittest",
            database_url=database.runtime,
            migration_database_url=database.migration,
            topic_prefix=topic_prefix,
            **{**defaults, **overrides},
        )
        runtime = ServiceRuntime(settings, migrations=MIGRATIONS, produces=[ITEMS], consumers=consumers)
        if migrate:
            await asyncio.to_thread(runtime.migrate)
        started.append(runtime)
        if start:
            await runtime.start()
        return runtime

    yield factory
    for runtime in reversed(started):
        await runtime.stop()


@pytest.fixture(autouse=True)
def _kit_events() -> Iterator[None]:
    """Every kit test runs with the kit's own test events registered (and only for its duration)."""
    with kit_events():
        yield


@pytest.fixture
def item() -> Callable[..., ItemPublishedV1]:
    """Factory of valid ItemPublishedV1 events."""
    return new_item


@pytest.fixture
def faults() -> Faults:
    """Switches that make the test handler fail."""
    return Faults()


@pytest.fixture
def consumer_for() -> Callable[..., EventConsumer]:
    """Builds the test consumer (records each handled event in `seen`)."""
    return build_consumer


@pytest.fixture
def refuse_connections(postgres_server) -> Callable[[str], contextlib.AbstractAsyncContextManager[None]]:
    """`async with refuse_connections(role):` ends the role's sessions and refuses new ones (an outage)."""

    @contextlib.asynccontextmanager
    async def refusing(role: str) -> AsyncIterator[None]:
        """The role's sessions are ended and new ones refused until the block exits."""
        admin = await asyncpg.connect(postgres_server.dsn())
        try:
            await admin.execute(f'ALTER ROLE "{role}" CONNECTION LIMIT 0')
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", role
            )
            await asyncio.sleep(0.3)  # clients notice their closed connections
            try:
                yield
            finally:
                await admin.execute(f'ALTER ROLE "{role}" CONNECTION LIMIT -1')
        finally:
            await admin.close()

    return refusing
