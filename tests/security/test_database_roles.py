"""A service's runtime role reads and writes its tables; only its owner (migrations) changes the schema."""

from pathlib import Path

import asyncpg
import pytest
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment_bootstrap
from servicekit.migrations import apply_migrations

pytestmark = pytest.mark.integration

SCHEMA_CHANGES = {
    "create table": "CREATE TABLE intruder (id int)",
    "drop table": "DROP TABLE outbox",
    "alter table": "ALTER TABLE outbox ADD COLUMN intruder int",
    "create temp table": "CREATE TEMP TABLE scratch (id int)",
    "truncate": "TRUNCATE outbox",
    "create schema": "CREATE SCHEMA intruder",
}
LATER_MIGRATION = "CREATE TABLE later_notes (id bigserial PRIMARY KEY, body text NOT NULL)"


async def test_the_runtime_role_cannot_change_the_schema(start_service) -> None:
    async with start_service(EnrolmentSettings, enrolment_bootstrap) as svc, svc.db.acquire() as conn:
        allowed = []
        for change, statement in SCHEMA_CHANGES.items():
            attempt = conn.transaction()
            await attempt.start()
            try:
                await conn.execute(statement)
                allowed.append(change)
            except asyncpg.InsufficientPrivilegeError:
                pass
            finally:
                await attempt.rollback()  # each change is tried on the schema as migrated

    assert allowed == []


async def test_migrations_run_as_the_owner_and_the_runtime_role_owns_nothing(start_service) -> None:
    async with start_service(EnrolmentSettings, enrolment_bootstrap) as svc:
        runtime_role = await svc.db.fetchval("SELECT current_user")
        owners = await svc.db.fetch("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        database_owner = await svc.db.fetchval(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        )
        rights = await svc.db.fetchrow(
            "SELECT has_database_privilege(current_user, current_database(), 'CREATE') AS create_db,"
            " has_database_privilege(current_user, current_database(), 'TEMP') AS temp,"
            " has_database_privilege('public', current_database(), 'CONNECT') AS public_connect,"
            " has_schema_privilege(current_user, 'public', 'CREATE') AS create_schema"
        )

    assert [row["tableowner"] for row in owners] == [f"{runtime_role}_owner"]
    assert database_owner == f"{runtime_role}_owner"
    assert dict(rights) == dict.fromkeys(("create_db", "temp", "public_connect", "create_schema"), False)


async def test_tables_of_a_later_migration_are_readable_and_writable_by_the_runtime_role(
    start_service, tmp_path: Path
) -> None:
    (tmp_path / "0001_later_notes.sql").write_text(LATER_MIGRATION + ";\n")
    async with start_service(EnrolmentSettings, enrolment_bootstrap) as svc:
        settings = svc.runtime.settings
        assert settings.migration_database_url is not None
        owner_dsn = settings.migration_database_url.get_secret_value()
        assert apply_migrations(owner_dsn, tmp_path) == ["0001_later_notes"]
        async with svc.db.acquire() as conn:
            note = await conn.fetchval("INSERT INTO later_notes (body) VALUES ('hello') RETURNING id")
            await conn.execute("UPDATE later_notes SET body = 'hi' WHERE id = $1", note)
            assert await conn.fetchval("SELECT body FROM later_notes WHERE id = $1", note) == "hi"
            await conn.execute("DELETE FROM later_notes WHERE id = $1", note)
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute("DROP TABLE later_notes")
