"""Per-client rate limits: a token bucket per authenticated principal, answered with 429 and Retry-After."""

import math
import time
from dataclasses import dataclass

from fastapi import Request

from servicekit.http.problems import Problem


@dataclass
class _Bucket:
    tokens: float
    at: float


class TokenBuckets:
    """One bucket per key: `burst` requests at once, refilled at `rate` per second.

    In memory, per instance: N instances admit up to N times the rate (the proxy's limit caps the total).
    """

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, _Bucket] = {}

    def take(self, key: str, now: float | None = None) -> float:
        """0 when `key` may go ahead (a token is taken); else the seconds until a token is there."""
        now = time.monotonic() if now is None else now
        bucket = self._buckets.setdefault(key, _Bucket(float(self.burst), now))
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate


def limit_client(request: Request, client: str) -> None:
    """Take a token for `client` from the app's buckets (made from the settings on first use), or answer
    429 problem+json with `Retry-After` in whole seconds."""
    state = request.app.state
    if not hasattr(state, "client_buckets"):
        settings = state.runtime.settings
        state.client_buckets = TokenBuckets(settings.client_rate_per_second, settings.client_rate_burst)
    wait = state.client_buckets.take(client)
    if wait > 0:
        retry = {"Retry-After": str(math.ceil(wait))}
        raise Problem(429, "Too many requests", "Slow down; see Retry-After.", "rate-limited", headers=retry)
