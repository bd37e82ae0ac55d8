"""Keeps the services of `make run` up: restarts crashed ones with backoff, gives up on crash loops."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from localinfra.processes import ManagedProcess


@dataclass(frozen=True)
class RestartPolicy:
    """How the launcher treats a service that exits on its own."""

    first_delay: float = 1.0  # doubles per fast crash, up to max_delay
    max_delay: float = 30.0
    stable_after: float = 30.0  # a crash after running this long starts the count afresh
    max_fast_crashes: int = 3  # the next fast crash after these makes the launcher give up on the service


def exit_description(code: int) -> str:
    """'signal 9' for a killed process, 'code 1' for one that exited."""
    return f"signal {-code}" if code < 0 else f"code {code}"


class SupervisedService:
    """One service's current process; `check()` (called often) restarts it when it has died."""

    def __init__(
        self,
        name: str,
        start: Callable[[], ManagedProcess],
        policy: RestartPolicy = RestartPolicy(),
        say: Callable[[str], None] = print,
    ) -> None:
        self.name, self._start, self.policy, self._say = name, start, policy, say
        self.process = start()
        self._started = time.monotonic()
        self._crashes = 0
        self._restart_at: float | None = None
        self.given_up = False

    def check(self) -> None:
        """Restart a due service, or notice that it has exited and plan its restart (or give up)."""
        now = time.monotonic()
        if self.given_up:
            return
        if self._restart_at is not None:
            if now >= self._restart_at:
                self._restart_at, self.process, self._started = None, self._start(), now
            return
        code = self.process.popen.poll()
        if code is not None:
            self.process.stop(grace=5)  # whatever it left in its group, and its pid file
            self._crashed(code, now)

    def _crashed(self, code: int, now: float) -> None:
        fast = now - self._started < self.policy.stable_after
        self._crashes = self._crashes + 1 if fast else 1
        if self._crashes > self.policy.max_fast_crashes:
            self.given_up = True
            self._say(
                f"{self.name} exited ({exit_description(code)}) {self._crashes} times within "
                f"{self.policy.stable_after:g} s of starting; giving up on it, the rest keeps running "
                f"(see {self.process.logs[-1]})"
            )
            return
        delay = min(self.policy.first_delay * 2 ** (self._crashes - 1), self.policy.max_delay)
        self._say(f"{self.name} exited ({exit_description(code)}), restarting in {delay:g} s")
        self._restart_at = now + delay

    def stop(self, grace: float) -> None:
        """Stop the current process (if any) and restart it no more."""
        self.given_up = True
        self.process.stop(grace=grace)
