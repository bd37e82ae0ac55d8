"""A real PostgreSQL server: each service gets a role and a database that no other service can enter."""

import socket
from pathlib import Path

import asyncpg
import pytest
from localinfra import InfraError, PostgresServer, create_service_database, drop_database, start_postgres
from localinfra.pytest_plugin import DatabaseFactory, unique_database_name

from tests.infra.infra_probes import execute, fetch_value, running_as_root

pytestmark = pytest.mark.integration


async def test_superuser_logs_in_with_password_over_loopback(postgres_server: PostgresServer) -> None:
    version = await fetch_value(postgres_server.dsn(), "SHOW server_version")

    assert str(version).startswith("18.")
    assert postgres_server.host == "127.0.0.1"


async def test_service_role_enters_its_own_database(fresh_database: DatabaseFactory) -> None:
    database = await fresh_database("enrolment")

    user = await fetch_value(database.runtime, "SELECT current_user")
    assert database.runtime.endswith(f"/{user}")
    await execute(database.migration, "CREATE TABLE seats (id int)")
    assert await fetch_value(database.runtime, "SELECT count(*) FROM seats") == 0


async def test_service_role_cannot_enter_another_services_database(
    postgres_server: PostgresServer, fresh_database: DatabaseFactory
) -> None:
    enrolment_dsn = (await fresh_database("enrolment")).runtime
    content_dsn = (await fresh_database("content")).runtime
    enrolment_role = enrolment_dsn.split("//")[1].split(":")[0]
    enrolment_password = enrolment_dsn.split(":")[2].split("@")[0]
    content_db = content_dsn.rsplit("/", 1)[1]

    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="CONNECT privilege"):
        await asyncpg.connect(postgres_server.dsn(content_db, enrolment_role, enrolment_password))


async def test_service_role_has_no_special_powers(fresh_database: DatabaseFactory) -> None:
    database = await fresh_database("reporting")

    query = "SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    powers = [await fetch_value(dsn, query) for dsn in (database.runtime, database.migration)]

    assert powers == [False, False]


async def test_creating_a_service_database_twice_keeps_it_and_updates_the_password(
    postgres_server: PostgresServer,
) -> None:
    name = unique_database_name("notifications")
    first = await create_service_database(postgres_server, name, "first-secret", "first-owner")
    await fetch_value(first.migration, "CREATE TABLE kept (id int)")
    try:
        second = await create_service_database(postgres_server, name, "second-secret", "second-owner")

        assert second.runtime == f"postgresql://{name}:second-secret@127.0.0.1:{postgres_server.port}/{name}"
        assert second.migration.startswith(f"postgresql://{name}_owner:second-owner@")
        assert await fetch_value(second.runtime, "SELECT count(*) FROM kept") == 0
        for stale in (first.runtime, first.migration):
            with pytest.raises(asyncpg.InvalidPasswordError):
                await asyncpg.connect(stale)
    finally:
        await drop_database(postgres_server, name)


async def test_a_database_made_before_the_role_split_is_handed_to_its_owner(
    postgres_server: PostgresServer,
) -> None:
    name = unique_database_name("legacy")
    await execute(postgres_server.dsn(), f"CREATE ROLE {name} LOGIN PASSWORD 'old'")
    await execute(postgres_server.dsn(), f"CREATE DATABASE {name} OWNER {name}")
    await execute(postgres_server.dsn(name, name, "old"), "CREATE TABLE kept (id serial, note text)")
    try:
        database = await create_service_database(postgres_server, name, "runtime-secret")

        owner = "SELECT tableowner FROM pg_tables WHERE tablename = 'kept'"
        assert await fetch_value(database.runtime, owner) == f"{name}_owner"
        await execute(database.runtime, "INSERT INTO kept (note) VALUES ('still writable')")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await execute(database.runtime, "DROP TABLE kept")
    finally:
        await drop_database(postgres_server, name)


async def test_dropping_a_database_removes_it_and_its_role_even_while_connected(
    postgres_server: PostgresServer,
) -> None:
    name = unique_database_name("content")
    database = await create_service_database(postgres_server, name, "secret")
    lingering = await asyncpg.connect(database.runtime)

    await drop_database(postgres_server, name)
    await drop_database(postgres_server, name)

    assert not await _still_usable(lingering)
    roles = f"SELECT count(*) FROM pg_roles WHERE rolname IN ('{name}', '{name}_owner')"
    assert await fetch_value(postgres_server.dsn(), roles) == 0


BAD_NAMES = ["Robert'); DROP TABLE x", "postgres", "pg_things", "9lives", "a" * 58, "x_owner"]


@pytest.mark.parametrize("bad_name", BAD_NAMES)
async def test_unusable_service_names_are_refused(postgres_server: PostgresServer, bad_name: str) -> None:
    with pytest.raises(ValueError, match="not a usable service name"):
        await create_service_database(postgres_server, bad_name, "secret")


def test_unique_database_names_are_valid_and_distinct() -> None:
    names = {unique_database_name("Enrolment-Service!") for _ in range(50)}

    assert len(names) == 50
    assert all(name.startswith("enrolment_service_") for name in names)
    assert unique_database_name("42").startswith("d_42_")


def test_server_that_cannot_bind_raises_with_its_log(open_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(InfraError, match="exited during start-up") as failure:
            start_postgres(open_dir / "pg", port=port, fast=True)

    assert "could not bind" in str(failure.value) or "could not create" in str(failure.value)


@pytest.mark.skipif(not running_as_root(), reason="only root needs an unprivileged PostgreSQL user")
def test_data_dir_the_postgres_user_cannot_reach_is_explained(tmp_path: Path) -> None:
    assert tmp_path.parent.parent.stat().st_mode & 0o077 == 0  # pytest-of-root is private

    with pytest.raises(InfraError, match="cannot reach"):
        start_postgres(tmp_path / "pg", fast=True)


async def _still_usable(connection: asyncpg.Connection) -> bool:
    try:
        await connection.fetchval("SELECT 1")
    except (asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError):
        return False
    finally:
        await connection.close()
    return True
