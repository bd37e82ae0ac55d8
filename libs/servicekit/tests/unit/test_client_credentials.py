"""Machine clients' secrets (scrypt) and per-client token buckets, pure."""

from pathlib import Path

import pytest
from pydantic import ValidationError
from servicekit.http.clients import BasicClients, hash_secret, secret_matches
from servicekit.http.rate_limits import TokenBuckets


def test_a_secret_matches_its_hash_and_nothing_else():
    stored = hash_secret("s3cret")
    assert stored.startswith("scrypt$") and "s3cret" not in stored
    assert secret_matches(stored, "s3cret")
    assert not secret_matches(stored, "s3cret ")
    assert not secret_matches("scrypt$not$a$hash", "s3cret")
    assert hash_secret("s3cret") != stored  # a fresh salt each time


async def test_a_client_is_verified_by_its_secret_and_an_unknown_one_never(tmp_path: Path):
    path = tmp_path / "clients.toml"
    path.write_text(f'[clients.lms]\nsecret_hash = "{hash_secret("s")}"\nroles = ["r"]\nscopes = ["a/b"]\n')
    clients = BasicClients.read(path)
    assert (await clients.verify("lms", "s")) is not None
    assert (await clients.verify("lms", "s")) is not None  # remembered: the fast path
    assert await clients.verify("lms", "t") is None
    assert await clients.verify("other", "s") is None


def test_a_malformed_client_file_stops_start_up(tmp_path: Path):
    path = tmp_path / "clients.toml"
    path.write_text('[clients.lms]\nsecret_hash = "plain-text"\nroles = ["r"]\n')
    with pytest.raises(ValidationError):
        BasicClients.read(path)


def test_a_bucket_admits_its_burst_then_says_how_long_to_wait_and_refills():
    buckets = TokenBuckets(rate=2.0, burst=2)
    assert [buckets.take("a", now=0.0) for _ in range(2)] == [0.0, 0.0]
    assert buckets.take("a", now=0.0) == pytest.approx(0.5)
    assert buckets.take("b", now=0.0) == 0.0  # another client's bucket is full
    assert buckets.take("a", now=0.5) == 0.0
