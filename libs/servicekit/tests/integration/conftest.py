"""A minimal service built on the kit, against real Kafka and PostgreSQL."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.retry import PermanentError
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings

MIGRATIONS = Path(__file__).parent / "migrations"
INTERNAL_ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


def new_course(code: str = "KIT-1", course_id: UUID | None = None) -> CoursePublishedV1:
    """A valid event with a fresh id."""
    return CoursePublishedV1(
        course_id=course_id or uuid4(),
        code=code,
        title_vi="Khóa học",
        title_en="Course",
        theme=CourseTheme.HEALTH,
        delivery_mode=DeliveryMode.ONLINE,
        capacity=None,
        published_at=datetime.now(UTC),
    )


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

    @consumer.on(EnrolmentConfirmedV1)
    async def record_enrolment(event: EnrolmentConfirmedV1, uow: UnitOfWork) -> None:
        await uow.connection.execute(
            "INSERT INTO seen (event_id, course_id, code) VALUES ($1, $2, 'ENROLMENT')",
            str(event.enrolment_id),
            event.course_id,
        )

    @consumer.on(CoursePublishedV1)
    async def record(event: CoursePublishedV1, uow: UnitOfWork) -> None:
        faults.calls += 1
        await uow.connection.execute(
            "INSERT INTO seen (event_id, course_id, code) VALUES ($1, $2, $3)",
            str(event.course_id),
            event.course_id,
            event.code,
        )
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
    dsn = await fresh_database("kit")
    started: list[ServiceRuntime] = []

    async def factory(consumers: list[EventConsumer] = (), start: bool = True, **overrides) -> ServiceRuntime:
        defaults = {
            "kafka_bootstrap": kafka_server.bootstrap_servers,
            "relay_poll_seconds": 0.2,
            "consumer_max_attempts": 3,
            "consumer_backoff_seconds": 0.01,
            "consumer_backoff_max_seconds": 0.05,
        }
        # The runtime produces content's course events, which consumers trust only from content's source.
        settings = ServiceSettings(
            service_name="content", database_url=dsn, topic_prefix=topic_prefix, **{**defaults, **overrides}
        )
        from contracts.topics import COURSES

        runtime = ServiceRuntime(settings, migrations=MIGRATIONS, produces=[COURSES], consumers=consumers)
        await asyncio.to_thread(runtime.migrate)
        started.append(runtime)
        if start:
            await runtime.start()
        return runtime

    yield factory
    for runtime in reversed(started):
        await runtime.stop()


@pytest.fixture
def course() -> Callable[..., CoursePublishedV1]:
    """Factory of valid CoursePublishedV1 events."""
    return new_course


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
