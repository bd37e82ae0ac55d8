"""Machine clients with HTTP Basic credentials: secrets stored as scrypt hashes, read from a TOML file."""

import asyncio
import base64
import getpass
import hashlib
import hmac
import secrets
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

_N, _R, _P = 2**14, 8, 1  # scrypt's interactive-login parameters (RFC 7914): ~16 MiB, tens of ms


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_secret(secret: str) -> str:
    """`scrypt$<log2 n>$<r>$<p>$<salt>$<hash>` of `secret`, with a fresh salt: what the file stores."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 2**20)
    return f"scrypt${_N.bit_length() - 1}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def secret_matches(stored: str, secret: str) -> bool:
    """Whether `secret` is the one `stored` was made from (constant-time comparison)."""
    try:
        scheme, log_n, r, p, salt, digest = stored.split("$")
        expected = _unb64(digest)
        got = hashlib.scrypt(
            secret.encode(), salt=_unb64(salt), n=2 ** int(log_n), r=int(r), p=int(p), maxmem=64 * 2**20
        )
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(got, expected)


class Client(BaseModel):
    """One machine client: its secret's hash, and the roles and scopes its principal gets."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    secret_hash: str = Field(pattern=r"^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")
    roles: tuple[str, ...] = Field(min_length=1)
    scopes: tuple[str, ...] = ()


class ClientFile(BaseModel):
    """The file's shape: `[clients.<id>]` tables."""

    model_config = ConfigDict(extra="forbid")
    clients: dict[str, Client] = {}


class BasicClients:
    """The configured clients; a secret once verified is remembered by its keyed digest, so the slow hash
    runs once per client and secret, not once per request."""

    def __init__(self, clients: dict[str, Client]) -> None:
        self._clients, self._key = clients, secrets.token_bytes(32)
        self._verified: dict[str, bytes] = {}

    @classmethod
    def read(cls, path: Path | None) -> "BasicClients":
        """The clients of the TOML file (none if unset); a malformed file stops start-up."""
        return cls(ClientFile.model_validate(tomllib.loads(path.read_text())).clients if path else {})

    async def verify(self, client_id: str, secret: str) -> Client | None:
        """The client, if it is configured and `secret` is its secret."""
        client = self._clients.get(client_id)
        if client is None:
            return None
        seen = hmac.digest(self._key, secret.encode(), "sha256")
        if hmac.compare_digest(self._verified.get(client_id, b""), seen):
            return client
        if not await asyncio.to_thread(secret_matches, client.secret_hash, secret):  # off the event loop
            return None
        self._verified[client_id] = seen
        return client


def main() -> None:
    """`python -m servicekit.http.clients`: print the hash of a secret read from the terminal (or stdin)."""
    print(hash_secret(getpass.getpass("client secret: ")))


if __name__ == "__main__":
    main()
