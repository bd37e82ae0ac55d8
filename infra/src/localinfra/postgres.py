"""Starts a real PostgreSQL server on 127.0.0.1 and gives each service its own roles and database."""

import contextlib
import re
import secrets
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import asyncpg

from localinfra import pg_cluster
from localinfra.pg_cluster import ClusterFiles
from localinfra.pg_roles import DATABASE_PRIVILEGES, OWNER_SUFFIX, SCHEMA_PRIVILEGES, owner_of
from localinfra.pg_runtime import RunAs, pg_bin_dir, run_as
from localinfra.ports import free_port
from localinfra.processes import ManagedProcess, clear_stale, spawn
from localinfra.readiness import postgres_answers, wait_until_ready

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _no_op() -> None:
    return None


@dataclass
class PostgresServer:
    """A reachable PostgreSQL server and its superuser; ``stop()`` ends it and is idempotent."""

    host: str
    port: int
    superuser: str
    password: str
    pid: int | None = None
    startup_seconds: float = 0.0
    _stopper: Callable[[], None] = field(default=_no_op, repr=False, compare=False)

    def dsn(self, database: str = "postgres", user: str | None = None, password: str | None = None) -> str:
        """``postgresql://`` URL; without ``user`` it logs in as the superuser with its password."""
        if user is None:
            user, password = self.superuser, self.password if password is None else password
        login = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
        return f"postgresql://{login}@{self.host}:{self.port}/{quote(database, safe='')}"

    def stop(self) -> None:
        """Stop the server (fast shutdown, then SIGKILL) and wait until nothing of it is left."""
        self._stopper()


def start_postgres(
    data_dir: Path,
    port: int | None = None,
    timeout: float = 30,
    *,
    fast: bool = False,
    max_connections: int = 100,
) -> PostgresServer:
    """Start PostgreSQL on ``data_dir`` (initdb only when empty, so data survives restarts).

    ``fast`` turns off fsync, synchronous_commit and full_page_writes: for tests, never for real data.
    ``max_connections`` is PostgreSQL's own limit (the bench raises it beside the services' pools).
    """
    began = time.monotonic()
    files = ClusterFiles(data_dir.resolve())
    user = run_as()
    bin_dir = pg_bin_dir(user)
    clear_stale(files.pid_file, marker=str(files.pgdata), stop_signal=signal.SIGINT)
    password = pg_cluster.superuser_password(files)
    pg_cluster.prepare(files, bin_dir, user, password, fast)
    port = port or free_port()
    process = _spawn(files, bin_dir, user, port, fast, max_connections)
    server = PostgresServer("127.0.0.1", port, pg_cluster.SUPERUSER, password, process.pid, 0.0, process.stop)
    try:
        wait_until_ready("PostgreSQL", lambda: postgres_answers(server.dsn()), process, timeout)
    except BaseException:
        process.stop()
        raise
    server.startup_seconds = time.monotonic() - began
    return server


def _spawn(
    files: ClusterFiles, bin_dir: Path, user: RunAs | None, port: int, fast: bool, max_connections: int
) -> ManagedProcess:
    argv = pg_cluster.server_argv(files, bin_dir, port, fast, max_connections)
    return spawn(
        user.wrap(argv) if user else argv,
        pid_file=files.pid_file,
        output=files.log_file,
        env=pg_cluster.server_env(),
        stop_signal=signal.SIGINT,  # "fast" shutdown: disconnect clients, checkpoint, exit
    )


@dataclass(frozen=True)
class ServiceDatabase:
    """DSNs of a service's database: ``runtime`` reads and writes rows, ``migration`` (the owner) runs DDL."""

    runtime: str
    migration: str


async def create_service_database(
    server: PostgresServer, name: str, password: str, owner_password: str | None = None
) -> ServiceDatabase:
    """Database ``name`` owned by role ``<name>_owner``, served by role ``name``; only they may connect.

    The runtime role may only SELECT/INSERT/UPDATE/DELETE tables and use sequences in the public schema,
    also those that later migrations create; no CREATE, no TEMPORARY (see ``localinfra.pg_roles``).
    Idempotent: existing roles get the new passwords (``owner_password`` defaults to a random one).
    """
    _check_identifier(name, server)
    owner, owner_password = owner_of(name), owner_password or secrets.token_urlsafe(16)
    admin = await asyncpg.connect(server.dsn())
    try:
        await _ensure_role(admin, owner, owner_password)
        await _ensure_role(admin, name, password)
        await _ensure_database(admin, name, owner)
        for statement in DATABASE_PRIVILEGES:
            await _ddl(admin, statement, owner, name, name)
    finally:
        await admin.close()
    inside = await asyncpg.connect(server.dsn(database=name))
    try:
        for statement in SCHEMA_PRIVILEGES:
            await _ddl(inside, statement, owner, name, name)
    finally:
        await inside.close()
    return ServiceDatabase(
        runtime=server.dsn(database=name, user=name, password=password),
        migration=server.dsn(database=name, user=owner, password=owner_password),
    )


async def drop_database(server: PostgresServer, name: str) -> None:
    """Drop database ``name`` (disconnecting its sessions) and its two roles, if present."""
    _check_identifier(name, server)
    admin = await asyncpg.connect(server.dsn())
    try:
        await _ddl(admin, "DROP DATABASE IF EXISTS %I WITH (FORCE)", name)
        for role in (name, owner_of(name)):
            if await admin.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role):
                await _ddl(admin, "DROP OWNED BY %I", role)
                await _ddl(admin, "DROP ROLE IF EXISTS %I", role)
    finally:
        await admin.close()


async def _ensure_role(admin: Any, name: str, password: str) -> None:
    powers = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    if not await admin.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", name):
        try:
            await _ddl(admin, f"CREATE ROLE %I WITH {powers} PASSWORD %L", name, password)
            return
        except asyncpg.DuplicateObjectError:
            pass  # created concurrently: fall through and align it
    await _ddl(admin, f"ALTER ROLE %I WITH {powers} PASSWORD %L", name, password)


async def _ensure_database(admin: Any, name: str, owner: str) -> None:
    if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
        # created concurrently: DATABASE_PRIVILEGES sets its owner all the same
        with contextlib.suppress(asyncpg.DuplicateDatabaseError):
            await _ddl(admin, "CREATE DATABASE %I OWNER %I", name, owner)


async def _ddl(connection: Any, template: str, *values: str) -> None:
    """Run DDL whose identifiers/literals are quoted by the server's format() (DDL takes no parameters)."""
    placeholders = "".join(f", ${index}::text" for index in range(2, len(values) + 2))
    statement = await connection.fetchval(f"SELECT format($1::text{placeholders})", template, *values)
    await connection.execute(statement)


def _check_identifier(name: str, server: PostgresServer) -> None:
    usable = _IDENTIFIER.match(owner_of(name)) and name != server.superuser and not name.startswith("pg_")
    if not usable or name.endswith(OWNER_SUFFIX):
        raise ValueError(f"{name!r} is not a usable service name (lower-case letters, digits, _; max 57)")
