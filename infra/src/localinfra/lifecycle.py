"""Stops everything localinfra started when the interpreter exits or is sent SIGTERM."""

import atexit
import itertools
import logging
import os
import signal
import subprocess
import threading
from collections.abc import Callable
from types import FrameType

_log = logging.getLogger(__name__)
_lock = threading.RLock()  # re-entrant: the SIGTERM handler may interrupt a holder
_stoppers: dict[int, Callable[[], None]] = {}
_tokens = itertools.count(1)


def track(stop: Callable[[], None]) -> int:
    """Remember how to stop a started server; returns a token for ``forget``."""
    with _lock:
        token = next(_tokens)
        _stoppers[token] = stop
    return token


def forget(token: int) -> None:
    """The server behind ``token`` has been stopped by its owner."""
    with _lock:
        _stoppers.pop(token, None)


def stop_everything() -> None:
    """Stop every tracked server, newest first; one failure does not spare the others."""
    with _lock:
        pending = sorted(_stoppers.items(), reverse=True)
        _stoppers.clear()
    for _, stop in pending:
        try:
            stop()
        except Exception:
            _log.exception("localinfra: stopping a server failed")


def stop_everything_on_sigterm() -> None:
    """On SIGTERM stop every tracked server, then let the previous handler (or the default death) run."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        stop_everything()
        if callable(previous):
            previous(signum, frame)
            return
        if previous == signal.SIG_IGN:
            return
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_sigterm)


atexit.register(stop_everything)


def run_bounded(argv: list[str], env: dict[str, str], limit: float) -> tuple[int, str]:
    """Run a script that starts servers (make bench, make chaos); past `limit` seconds it gets SIGTERM, so it
    stops the servers it started (it must call ``stop_everything_on_sigterm``). Its exit code and output."""
    with subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as child:
        try:
            output, _ = child.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            child.terminate()
            output, _ = child.communicate(timeout=120)
        return child.returncode, output
