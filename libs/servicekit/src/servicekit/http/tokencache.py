"""A bounded cache of verified bearer tokens: a client's repeated token is not verified again."""

import time
from collections import OrderedDict
from typing import Generic, TypeVar

P = TypeVar("P")


class VerifiedTokens(Generic[P]):
    """Principals of tokens already verified, keyed by the raw token, least recently used evicted first.

    An entry is trusted until the token's `exp` and at most `max_seconds` (so a key withdrawn from the
    JWKS stops being honoured soon after); signature checks were ~8 % of an enrolment's busy time."""

    def __init__(self, size: int, max_seconds: float) -> None:
        self._size, self._max_seconds = size, max_seconds
        self._entries: OrderedDict[str, tuple[P, float]] = OrderedDict()

    def get(self, token: str) -> P | None:
        """The principal of a token verified before and still within its time, else None."""
        entry = self._entries.get(token)
        if entry is None:
            return None
        if time.time() >= entry[1]:
            del self._entries[token]
            return None
        self._entries.move_to_end(token)
        return entry[0]

    def put(self, token: str, principal: P, expires_at: float) -> None:
        """Remember a verified token until `expires_at` (epoch seconds, the `exp` claim) at the latest."""
        if self._size <= 0:
            return
        self._entries[token] = (principal, min(expires_at, time.time() + self._max_seconds))
        self._entries.move_to_end(token)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
