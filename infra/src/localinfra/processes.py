"""Server processes in their own process group: pid files, stale-run cleanup and group-wide stop."""

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from localinfra import lifecycle

_GONE_STATES = {"Z", "X", "x"}


class ManagedProcess:
    """A started server: the leader of its own session, recorded in a pid file, stopped group-wide."""

    def __init__(
        self,
        popen: "subprocess.Popen[bytes]",
        pid_file: Path,
        logs: Sequence[Path],
        stop_signal: signal.Signals,
    ) -> None:
        self.popen = popen
        self.pid_file = pid_file
        self.logs = tuple(logs)
        self.stop_signal = stop_signal
        self._lock = threading.RLock()  # re-entrant: a SIGTERM handler may stop us mid-stop
        self._stopped = False
        self._token = lifecycle.track(self.stop)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(tail(path, lines) for path in self.logs)

    def stop(self, grace: float = 30.0) -> None:
        """Graceful signal to the leader, SIGKILL to the group after ``grace`` seconds; idempotent."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        stop_group(self.pid, self.stop_signal, grace, self.popen)
        self.pid_file.unlink(missing_ok=True)
        lifecycle.forget(self._token)


def spawn(
    argv: Sequence[str],
    *,
    pid_file: Path,
    output: Path,
    logs: Sequence[Path] = (),
    env: Mapping[str, str] | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
) -> ManagedProcess:
    """Start ``argv`` as a new session (so its whole group can be killed) with output appended to a file."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("ab") as sink:
        popen = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            start_new_session=True,
        )
    pid_file.write_text(f"{popen.pid}\n")
    return ManagedProcess(popen, pid_file, [*logs, output], stop_signal)


def clear_stale(pid_file: Path, marker: str, stop_signal: signal.Signals, grace: float = 30.0) -> bool:
    """Stop what a crashed earlier run left behind, but only if the recorded pid is still that server.

    True when there was such a server to stop.
    """
    try:
        pid = int(pid_file.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        pid_file.unlink(missing_ok=True)
        return False
    running = pid_alive(pid) and marker in command_line(pid)
    if running:
        stop_group(pid, stop_signal, grace)
    pid_file.unlink(missing_ok=True)
    return running


def stop_group(
    leader: int, stop_signal: signal.Signals, grace: float, popen: "subprocess.Popen[bytes] | None" = None
) -> None:
    """Ask the leader to stop, wait up to ``grace`` s, then SIGKILL whatever is left of its process group."""
    _send(leader, stop_signal)
    if not _wait_exit(leader, grace, popen):
        _send_group(leader, signal.SIGKILL)
        _wait_exit(leader, 10.0, popen)
    if group_members(leader):
        _send_group(leader, signal.SIGKILL)
    deadline = time.monotonic() + 10.0
    while group_members(leader) and time.monotonic() < deadline:
        time.sleep(0.02)


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes whose process group is ``pgid``, read from /proc."""
    members = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            state = _stat(int(entry.name))
            if state is not None and state[1] == pgid and state[0] not in _GONE_STATES:
                members.append(int(entry.name))
    return members


def pid_alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    state = _stat(pid)
    return state is not None and state[0] not in _GONE_STATES


def command_line(pid: int) -> str:
    """The process's argv joined by spaces, or "" when it is gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tail(path: Path, lines: int, max_bytes: int = 64_000) -> str:
    """The last ``lines`` lines of a log file (read from its end only), headed by its name."""
    try:
        with path.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - max_bytes))
            text = log.read().decode(errors="replace").splitlines()[-lines:]
    except OSError as exc:
        return f"--- {path}: unreadable ({exc})"
    return "\n".join([f"--- {path} (last {len(text)} lines)", *text])


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, process group) of a pid, None when it does not exist."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[2])


def _wait_exit(pid: int, timeout: float, popen: "subprocess.Popen[bytes] | None") -> bool:
    if popen is not None:
        try:
            popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _send(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _send_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
