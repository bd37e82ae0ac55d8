"""The service image recipe: pinned base, non-root, labelled, and carrying only its own service as wheels."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from localinfra.platform import SERVICES

from tests.deploy.wiring import ROOT

DOCKERFILE = ROOT / "deploy/service.Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    return [tuple(line.split(" ", 1)) for line in text.splitlines() if line and not line.startswith("#")]


def test_the_base_image_is_pinned_by_digest_and_the_build_is_multi_stage():
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", DOCKERFILE.read_text(), re.M)[1]
    assert re.fullmatch(r"python:3\.11[\w.-]*@sha256:[0-9a-f]{64}", base)
    assert [arg for op, arg in _instructions() if op == "FROM"] == [
        "${PYTHON_IMAGE} AS build",
        "${PYTHON_IMAGE}",
    ]


def test_the_image_runs_as_a_non_root_user_with_a_health_check_and_labels():
    instructions = _instructions()
    assert [arg for op, arg in instructions if op == "USER"] == ["10001:10001"]
    assert any(op == "HEALTHCHECK" and "/health/ready" in arg for op, arg in instructions)
    labels = " ".join(arg for op, arg in instructions if op == "LABEL")
    for key in ("version", "source", "revision", "title"):
        assert f"org.opencontainers.image.{key}=" in labels


def test_the_runtime_stage_copies_only_the_virtualenv_and_the_services_migrations():
    runtime = DOCKERFILE.read_text().split("\nFROM ${PYTHON_IMAGE}\n", 1)[1]
    copies = [arg for op, arg in _instructions() if op == "COPY" and arg in runtime]
    assert copies == [
        "--from=build /opt/venv /opt/venv",
        "services/${SERVICE}/migrations /opt/venv/lib/python3.11/migrations",
    ]
    assert "--no-editable" in DOCKERFILE.read_text() and "--no-dev" in DOCKERFILE.read_text()


@pytest.mark.parametrize("name", SERVICES)
def test_the_lock_installs_each_service_alone_as_wheels_where_its_migrations_are_found(name, tmp_path):
    """The Dockerfile's `uv sync`, run here into a scratch virtualenv (no engine needed)."""
    venv = tmp_path / "venv"
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv), "VIRTUAL_ENV": str(venv)}
    sync = ["uv", "sync", "--frozen", "--no-dev", "--no-editable", "--package", name, "--quiet"]
    subprocess.run(sync, cwd=ROOT, env=env, check=True)
    site = venv / f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
    installed = {p.name for p in site.iterdir()}
    assert name in installed and "servicekit" in installed and "contracts" in installed
    assert not installed & (set(SERVICES) - {name}) and "localinfra" not in installed
    assert not installed & {"pytest", "ruff", "mypy"}
    direct = [json.loads(p.read_text()) for p in site.glob("*.dist-info/direct_url.json")]
    assert not [d for d in direct if d.get("dir_info", {}).get("editable")]  # wheels, not links to /src
    bootstrap = site / name / "bootstrap.py"
    assert bootstrap.exists() and bootstrap.resolve().parents[2] == Path(site).parent  # = .../python3.11


def test_the_image_runs_migrate_with_the_owner_url_and_serve_without_it(tmp_path):
    """The Dockerfile's CMD, run by sh with a stand-in `python` that records what each command saw."""
    cmd = json.loads(re.search(r"^CMD (.+)$", DOCKERFILE.read_text(), re.M)[1])
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


def test_secrets_and_local_state_never_enter_the_build_context():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", ".state", ".git", "*.pem"} <= ignored
