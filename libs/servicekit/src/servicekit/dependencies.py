"""Bringing a service's dependencies up with capped backoff, and their generic states for readiness."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

OK = "ok"
CONNECTING = "connecting"  # not (yet) brought up by the runtime: it keeps trying
UNAVAILABLE = "unavailable"  # was up, does not answer now; its clients reconnect on their own


class DependencyStates:
    """One word per dependency for `/health/ready`; a log line only when a state changes.

    The words are all the world sees: exception types go to the log only.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self._states = dict.fromkeys(names, CONNECTING)
        self._logged: dict[str, str | None] = dict.fromkeys(names)  # the state last logged: the first counts

    def snapshot(self) -> dict[str, str]:
        """Each dependency's state word."""
        return dict(self._states)

    def is_ok(self, name: str) -> bool:
        """True when ``name`` is up."""
        return self._states[name] == OK

    def up(self, name: str) -> None:
        """``name`` answers."""
        if self._logged[name] != OK:
            log.info("%s connected", name)
        self._states[name] = self._logged[name] = OK

    def down(self, name: str, error: BaseException, state: str, retry_note: str = "") -> None:
        """``name`` failed with ``error``; logged (type only: messages may carry data) on a change."""
        if self._logged[name] != state:
            log.warning("%s unavailable (%s)%s", name, type(error).__name__, retry_note)
        self._states[name] = self._logged[name] = state

    async def probe(self, name: str, check: Coroutine[Any, Any, None], timeout: float) -> None:
        """Run ``check`` (at most ``timeout`` s): ``name`` is up if it returns, unavailable if it fails."""
        try:
            await asyncio.wait_for(check, timeout)
        except Exception as exc:
            self.down(name, exc, UNAVAILABLE)
        else:
            self.up(name)

    def reset(self) -> None:
        """Everything is to be connected again (after a stop)."""
        self._states = dict.fromkeys(self._states, CONNECTING)
        self._logged = dict.fromkeys(self._states)


@contextlib.contextmanager
def quiet(logger_name: str) -> Iterator[None]:
    """Mute a client library's error per failed attempt: the connector logs one line per state change."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass(frozen=True)
class Step:
    """One idempotent start-up step for dependency ``name``, run once every ``needs`` are up."""

    name: str
    run: Callable[[], Awaitable[None]]
    needs: tuple[str, ...] = ()


class Connector:
    """Runs the start-up steps in order until all succeed, with a capped, doubling delay between rounds."""

    def __init__(self, steps: Sequence[Step], states: DependencyStates, first: float, most: float) -> None:
        self.steps, self.states = steps, states
        self.first, self.most = first, most
        self.done = asyncio.Event()

    async def attempt(self, *, strict: bool = False) -> bool:
        """One round; True when every step is done. ``strict`` raises the first failure instead."""
        all_done = True
        for step in self.steps:
            if not all(self.states.is_ok(n) for n in step.needs):
                all_done = False
                continue
            try:
                await step.run()
            except Exception as exc:
                if strict:
                    raise
                self.states.down(step.name, exc, CONNECTING, f", retrying (every ≤ {self.most:g} s)")
                all_done = False
            else:
                self.states.up(step.name)
        if all_done:
            self.done.set()
        return all_done

    async def run(self) -> None:
        """Round after round until everything is up (cancel to give up)."""
        delay = self.first
        while not await self.attempt():
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.most)
