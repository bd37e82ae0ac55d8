"""National ids are kept only as keyed hashes: enough to find a duplicate, useless without the key."""

import hashlib
import hmac
import re

_NOT_DIGITS = re.compile(r"[^0-9A-Za-z]")


class NationalIdHasher:
    """HMAC-SHA-256 of the normalised id under the service's secret key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the national-id key must have at least 16 bytes")
        self._key = key

    def hash(self, national_id: str) -> str:
        """The keyed hash of an id; spaces, dots and dashes do not matter."""
        normalised = _NOT_DIGITS.sub("", national_id).upper()
        return hmac.new(self._key, normalised.encode(), hashlib.sha256).hexdigest()
