"""Providers sign their delivery receipts: HMAC-SHA256 of the raw body with a secret shared per provider."""

import hashlib
import hmac
from collections.abc import Mapping

from pydantic import SecretStr

from notifications.domain.contacts import Channel
from notifications.domain.receipts import ReceiptRefused, ReceiptUnsigned

_SCHEME = "sha256="


class HmacReceiptSignatures:
    """Checks `X-Signature: sha256=<hex HMAC-SHA256 of the body>` with the channel's own secret."""

    def __init__(self, secrets: Mapping[Channel, SecretStr | None]) -> None:
        self._keys = {c: s.get_secret_value().encode() for c, s in secrets.items() if s is not None}

    def verify(self, channel: Channel, body: bytes, signature: str | None) -> None:
        """Return if the provider signed `body`; `ReceiptUnsigned` if not, `ReceiptRefused` (404) when
        this deployment takes no receipts from the channel (no secret configured)."""
        key = self._keys.get(channel)
        if key is None:
            raise ReceiptRefused("receipts are not enabled for this channel")
        expected = _SCHEME + hmac.new(key, body, hashlib.sha256).hexdigest()
        if signature is None or not hmac.compare_digest(expected.encode(), signature.strip().encode()):
            raise ReceiptUnsigned("the receipt's signature is missing or not valid")


def sign(secret: str, body: bytes) -> str:
    """The `X-Signature` value a provider sends with `body` (for providers' test kits and our tests)."""
    return _SCHEME + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
