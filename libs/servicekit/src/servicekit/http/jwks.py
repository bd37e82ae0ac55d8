"""The identity provider's signing keys, fetched off the event loop, ahead of need, with a short timeout."""

import asyncio
import contextlib
import logging
import time
from typing import Any

import jwt

from servicekit.tasks import cancel_and_wait

log = logging.getLogger(__name__)


class JwksKeys:
    """Keys by `kid`, refreshed in a worker thread every `refresh_seconds` and when an unknown `kid` shows up
    (at most every `min_refresh_seconds`). Verifying a token never waits for the network: a token whose key
    is not known yet is refused, and the refresh it triggers lets the next one through."""

    def __init__(
        self, url: str, *, refresh_seconds: float, timeout_seconds: float, min_refresh_seconds: float = 1.0
    ) -> None:
        self._client = jwt.PyJWKClient(url, cache_jwk_set=False, timeout=timeout_seconds)
        self._keys: dict[str, Any] = {}
        self._every, self._min_gap = refresh_seconds, min_refresh_seconds
        self._last_try = float("-inf")
        self._refreshing: asyncio.Task[None] | None = None
        self._loop: asyncio.Task[None] | None = None

    def key(self, kid: str | None) -> Any | None:
        """The key with this id, or None (and a background refresh, rate-limited)."""
        found = self._keys.get(kid or "")
        if found is None:
            self.request_refresh()
        return found

    async def refresh(self) -> None:
        """Fetch the key set in a worker thread; keep the old keys when the provider does not answer."""
        self._last_try = time.monotonic()
        try:
            jwk_set = await asyncio.to_thread(self._client.get_jwk_set, True)
        except jwt.PyJWKClientError as exc:
            log.warning("signing keys not refreshed", extra={"error": type(exc.__cause__ or exc).__name__})
            return
        self._keys = {k.key_id or "": k.key for k in jwk_set.keys}  # "": a provider's key without a kid

    def request_refresh(self) -> None:
        """Refresh soon, unless one is running or the last try was too recent."""
        running = self._refreshing is not None and not self._refreshing.done()
        if running or time.monotonic() - self._last_try < self._min_gap:
            return
        with contextlib.suppress(RuntimeError):  # no running loop: the periodic refresh will do it
            self._refreshing = asyncio.get_running_loop().create_task(self.refresh())

    async def start(self) -> None:
        """First fetch (bounded by the timeout), then refresh periodically in the background."""
        await self.refresh()
        self._loop = asyncio.create_task(self._periodically(), name="jwks-refresh")

    async def stop(self) -> None:
        """Stop refreshing."""
        await cancel_and_wait(self._loop, "jwks refresh")
        await cancel_and_wait(self._refreshing, "jwks refresh")
        self._loop = self._refreshing = None

    async def _periodically(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            await self.refresh()
