"""Pytest fixtures: one real Kafka broker and one PostgreSQL server per test session, plus isolation helpers.

Enable with ``pytest_plugins = ["localinfra.pytest_plugin"]`` in the root conftest.py.
"""

import re
import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
import pytest_asyncio

from localinfra import lifecycle
from localinfra.kafka import KafkaServer
from localinfra.kafka_secured import SecuredKafka, start_secured_kafka
from localinfra.lifecycle import stop_everything_on_sigterm
from localinfra.postgres import PostgresServer, ServiceDatabase, create_service_database, drop_database
from localinfra.session import Service, SessionInfra

_SESSION = pytest.StashKey[SessionInfra]()
_USERS: dict[Service, set[str]] = {
    "kafka": {"kafka_server"},
    "postgres": {"postgres_server", "fresh_database"},
}

DatabaseFactory = Callable[[str], Awaitable[ServiceDatabase]]


def pytest_configure(config: pytest.Config) -> None:
    stop_everything_on_sigterm()


@pytest.hookimpl(trylast=True)  # after -k/-m deselection
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Start the servers the selected tests need right away, both at once, while pytest gets going."""
    _require_markers(items)
    if config.option.collectonly:
        return
    wanted = {name for item in items for name in getattr(item, "fixturenames", ())}
    for service, fixtures in _USERS.items():
        if wanted & fixtures:
            _session_infra(config).begin(service)


def _require_markers(items: list[pytest.Item]) -> None:
    """A test that reaches the real servers must say so, so that `make test-fast` never starts them."""
    unmarked = [
        item.nodeid
        for item in items
        if "localinfra_session" in getattr(item, "fixturenames", ())
        and not any(item.get_closest_marker(m) for m in ("integration", "e2e"))
    ]
    if unmarked:
        raise pytest.UsageError(
            "tests that use real Kafka/PostgreSQL must be marked integration or e2e: " + ", ".join(unmarked)
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    infra = config.stash.get(_SESSION, None)
    if infra is not None:
        infra.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    infra = config.stash.get(_SESSION, None)
    for line in infra.report() if infra is not None else []:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def localinfra_session(pytestconfig: pytest.Config) -> Iterator[SessionInfra]:
    """The session's servers; stopped at session end (and again, harmlessly, at exit or SIGTERM)."""
    infra = _session_infra(pytestconfig)
    yield infra
    infra.stop()


@pytest.fixture(scope="session")
def kafka_server(localinfra_session: SessionInfra) -> KafkaServer:
    """A real Kafka broker shared by the whole session; isolate tests with ``topic_prefix``."""
    return localinfra_session.kafka()


@pytest.fixture(scope="session")
def secured_kafka_server(localinfra_session: SessionInfra) -> Iterator[SecuredKafka]:
    """A second broker, secured as in production (SASL_SSL + mTLS, ACLs enforced); only its users start it."""
    kafka = start_secured_kafka(localinfra_session.root / "kafka-secured")
    token = lifecycle.track(kafka.stop)
    yield kafka
    kafka.stop()
    lifecycle.forget(token)


@pytest.fixture
def kafka_rights(secured_kafka_server: SecuredKafka, topic_prefix: str) -> str:
    """The declared topics and ACLs under this test's ``topic_prefix`` (returned), on the secured broker."""
    # kafka-python is imported only by the tests that need it
    from localinfra.kafka_acls import grant_declared_rights

    grant_declared_rights(secured_kafka_server, topic_prefix)
    return topic_prefix


@pytest.fixture(scope="session")
def postgres_server(localinfra_session: SessionInfra) -> PostgresServer:
    """A real PostgreSQL server (fsync off) shared by the session; isolate tests with ``fresh_database``."""
    return localinfra_session.postgres()


@pytest.fixture
def topic_prefix() -> str:
    """A unique prefix such as ``t1a2b3c4d.`` so each test's topics are its own."""
    return f"t{uuid.uuid4().hex[:8]}."


@pytest_asyncio.fixture
async def fresh_database(postgres_server: PostgresServer) -> AsyncIterator[DatabaseFactory]:
    """``await fresh_database("enrolment")`` -> DSNs (runtime, migration) of a new database and its roles,
    all dropped after the test."""
    created: list[str] = []

    async def make(name_hint: str = "db") -> ServiceDatabase:
        name = unique_database_name(name_hint)
        created.append(name)
        return await create_service_database(postgres_server, name, secrets.token_urlsafe(16))

    yield make
    for name in created:
        await drop_database(postgres_server, name)


def unique_database_name(hint: str) -> str:
    """A valid, unique role/database name that still shows the hint, e.g. ``enrolment_1a2b3c4d``."""
    stem = re.sub(r"[^a-z0-9_]+", "_", hint.lower()).strip("_")[:40] or "db"
    if not stem[0].isalpha():
        stem = f"d_{stem}"
    return f"{stem}_{uuid.uuid4().hex[:8]}"


def _session_infra(config: pytest.Config) -> SessionInfra:
    infra = config.stash.get(_SESSION, None)
    if infra is None:
        infra = SessionInfra()
        config.stash[_SESSION] = infra
    return infra
