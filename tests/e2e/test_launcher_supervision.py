"""`make run`'s launcher keeps services up, gives up only on a crash loop, and `stop` cleans up after it."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from localinfra.ports import free_ports
from localinfra.processes import pid_alive

pytestmark = pytest.mark.e2e

SERVICES = ("content", "enrolment", "notifications", "reporting")


@dataclass
class Launcher:
    """A running `python -m localinfra.platform run` and where to find its console and state."""

    process: subprocess.Popen[bytes]
    state: Path
    console: Path
    urls: dict[str, str]

    def wait_for(self, text: str, timeout: float = 60) -> None:
        """Until the console shows ``text``."""
        deadline = time.monotonic() + timeout
        while text not in self.console.read_text(errors="replace"):
            assert time.monotonic() < deadline, f"no {text!r} on the console:\n{self.console.read_text()}"
            time.sleep(0.1)

    def pid(self, service: str) -> int | None:
        """The service's recorded pid, if a live process is recorded."""
        try:
            pid = int((self.state / f"{service}.pid").read_text())
        except (FileNotFoundError, ValueError):
            return None
        return pid if pid_alive(pid) else None

    def ready(self, service: str) -> bool:
        try:
            return httpx.get(f"{self.urls[service]}/health/ready", timeout=2).status_code == 200
        except httpx.TransportError:
            return False


@pytest.fixture(scope="module")
def launcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launcher]:
    """One platform run for this module (the last test kills the launcher); everything stopped at the end."""
    state = Path(f"/tmp/lc-sup-{uuid.uuid4().hex[:8]}")  # PostgreSQL's user must reach it: not under tmp
    kafka, controller, postgres = free_ports(3)
    http_base = free_ports(len(SERVICES), consecutive=True)[0]
    console = tmp_path_factory.mktemp("launcher") / "console.log"
    argv = [sys.executable, "-m", "localinfra.platform", "run", "--no-demo", "--state", str(state)]
    argv += ["--kafka-port", str(kafka), "--controller-port", str(controller)]
    argv += ["--postgres-port", str(postgres), "--http-base-port", str(http_base)]
    with console.open("wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT)
    urls = {s: f"http://127.0.0.1:{http_base + i}" for i, s in enumerate(SERVICES)}
    running = Launcher(process, state, console, urls)
    try:
        running.wait_for("is up", timeout=180)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=90)
        _stop(state)
        subprocess.run(["rm", "-rf", str(state)], check=False)


def _stop(state: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "localinfra.platform", "stop", "--state", str(state)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=180, check=False)


def _until(condition: Callable[[], object], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def _kill_next_process(launcher: Launcher, service: str, previous: int) -> int:
    """Wait for the launcher to start ``service`` again, and kill it at once."""
    _until(lambda: launcher.pid(service) not in (None, previous))
    pid = launcher.pid(service)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    return pid


def test_killed_service_is_restarted_and_a_crash_loop_makes_the_launcher_give_up_on_it_only(launcher):
    first = launcher.pid("enrolment")
    assert first is not None
    os.kill(first, signal.SIGKILL)
    launcher.wait_for("enrolment exited (signal 9), restarting in 1 s")
    _until(lambda: launcher.ready("enrolment"))
    assert launcher.pid("enrolment") not in (None, first)

    killed = first
    for _ in range(3):  # each crash soon after its start: 2nd, 3rd, then the 4th fast crash
        killed = _kill_next_process(launcher, "enrolment", killed)
    launcher.wait_for("giving up on it")
    assert "enrolment exited (signal 9), restarting in 2 s" in launcher.console.read_text()
    time.sleep(1.5)  # a restart would be due by now
    assert launcher.pid("enrolment") is None and not launcher.ready("enrolment")
    assert launcher.process.poll() is None
    assert all(launcher.ready(s) for s in SERVICES if s != "enrolment")


def test_stop_after_the_launcher_was_killed_stops_every_server_it_had_started(launcher):
    recorded = [pid for s in SERVICES if (pid := launcher.pid(s)) is not None]
    recorded += [int((launcher.state / f).read_text()) for f in ("kafka/kafka.pid", "postgres/postgres.pid")]
    assert len(recorded) >= 4 and all(pid_alive(p) for p in recorded)
    launcher.process.send_signal(signal.SIGKILL)
    launcher.process.wait(timeout=10)
    assert all(pid_alive(p) for p in recorded)  # orphans now

    stopped = _stop(launcher.state)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert not [p for p in recorded if pid_alive(p)], stopped.stdout
    assert "left by a launcher that died" in stopped.stdout
