"""The launcher's restart policy on real processes: doubling delays, giving up, reset after a stable run."""

import sys
import time
from collections.abc import Callable
from pathlib import Path

from localinfra.processes import ManagedProcess, spawn
from localinfra.supervisor import RestartPolicy, SupervisedService

QUICK = RestartPolicy(first_delay=0.05, max_delay=0.2, stable_after=30, max_fast_crashes=3)


def _starter(tmp_path: Path, code: str) -> tuple[list[ManagedProcess], Callable[[], ManagedProcess]]:
    started: list[ManagedProcess] = []

    def start() -> ManagedProcess:
        argv = [sys.executable, "-c", code]
        process = spawn(argv, pid_file=tmp_path / "svc.pid", output=tmp_path / "svc.log")
        started.append(process)
        return process

    return started, start


def _supervise_until(service: SupervisedService, done: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline
        service.check()
        time.sleep(0.01)


def test_a_crash_loop_is_restarted_with_doubling_delays_then_given_up(tmp_path):
    lines: list[str] = []
    started, start = _starter(tmp_path, "raise SystemExit(3)")
    service = SupervisedService("svc", start, QUICK, say=lines.append)
    _supervise_until(service, lambda: service.given_up)
    assert lines[:3] == [
        "svc exited (code 3), restarting in 0.05 s",
        "svc exited (code 3), restarting in 0.1 s",
        "svc exited (code 3), restarting in 0.2 s",
    ]
    assert "4 times within 30 s of starting; giving up on it" in lines[3] and len(lines) == 4
    assert len(started) == 4
    service.check()
    assert len(started) == 4  # given up: no more starts


def test_a_crash_after_a_stable_run_restarts_with_the_first_delay_again(tmp_path):
    lines: list[str] = []
    _, start = _starter(tmp_path, "import time; time.sleep(0.3)")
    steady = RestartPolicy(first_delay=0.05, max_delay=0.2, stable_after=0.2, max_fast_crashes=1)
    service = SupervisedService("svc", start, steady, say=lines.append)
    _supervise_until(service, lambda: len(lines) >= 3)
    assert lines[:3] == ["svc exited (code 0), restarting in 0.05 s"] * 3 and not service.given_up
    service.stop(grace=5)
