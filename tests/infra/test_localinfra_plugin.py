"""The pytest plugin starts what tests ask for and leaves nothing behind, even on failure or SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.infra.infra_probes import process_gone

pytestmark = pytest.mark.integration

_RECORD = """
import os, time

import pytest

pytestmark = pytest.mark.integration  # the harness refuses unmarked tests that start servers

def record(*servers):
    argv = open(f"/proc/{servers[-1].pid}/cmdline").read().split("\\0")
    session_dir = os.path.dirname(os.path.dirname(argv[argv.index("-D") + 1]))  # <session>/postgres/pgdata
    with open(os.environ["PIDS_FILE"] + ".tmp", "w") as out:
        out.write(" ".join([*(str(server.pid) for server in servers), session_dir]))
    os.rename(os.environ["PIDS_FILE"] + ".tmp", os.environ["PIDS_FILE"])
"""

_FAILING_TEST = (
    _RECORD
    + """
def test_records_servers_then_fails(kafka_server, postgres_server):
    record(kafka_server, postgres_server)
    assert False, "a failing test must not leak servers"
"""
)

_SLOW_TEST = (
    _RECORD
    + """
def test_records_server_then_waits(postgres_server):
    record(postgres_server)
    time.sleep(120)
"""
)


def _inner_pytest(test_dir: Path, source: str) -> tuple[list[str], dict[str, str]]:
    (test_dir / "test_inner.py").write_text(source)
    env = {**os.environ, "PIDS_FILE": str(test_dir / "pids"), "LOCALINFRA_BACKEND": "process"}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "localinfra.pytest_plugin",
    ]
    return [*command, str(test_dir / "test_inner.py")], env


def _recorded(test_dir: Path) -> tuple[list[int], Path]:
    *pids, session_dir = (test_dir / "pids").read_text().split()
    return [int(pid) for pid in pids], Path(session_dir)


def test_failing_session_stops_its_servers_and_reports_start_up_times(open_dir: Path) -> None:
    command, env = _inner_pytest(open_dir, _FAILING_TEST)

    run = subprocess.run(command, cwd=open_dir, env=env, capture_output=True, text=True, timeout=150)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "localinfra (process): Kafka ready in" in run.stdout
    assert "localinfra (process): PostgreSQL ready in" in run.stdout
    pids, session_dir = _recorded(open_dir)
    assert all(process_gone(pid) for pid in pids)
    assert session_dir.name.startswith("localinfra-") and not session_dir.exists()


def test_sigterm_to_pytest_stops_its_servers_and_removes_their_files(open_dir: Path) -> None:
    command, env = _inner_pytest(open_dir, _SLOW_TEST)
    run = subprocess.Popen(
        command, cwd=open_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while not (open_dir / "pids").exists():
        assert run.poll() is None and time.monotonic() < deadline, "inner pytest never reached its test"
        time.sleep(0.05)
    pids, session_dir = _recorded(open_dir)

    run.send_signal(signal.SIGTERM)
    run.wait(timeout=60)

    assert run.returncode == -signal.SIGTERM
    assert all(process_gone(pid) for pid in pids)
    assert session_dir.name.startswith("localinfra-") and not session_dir.exists()
