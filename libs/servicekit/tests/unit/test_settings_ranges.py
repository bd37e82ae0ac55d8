"""Settings out of range stop the service at start-up with a message naming the environment variable."""

import os
import subprocess
import sys

import pytest
from pydantic_settings import SettingsConfigDict
from servicekit.settings import InvalidSettings, ServiceSettings


class ShopSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SHOP_", extra="ignore", frozen=True)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SHOP_CONSUMER_MAX_ATTEMPTS", "0", "SHOP_CONSUMER_MAX_ATTEMPTS must be >= 1"),
        ("SHOP_CONSUMER_BATCH_SIZE", "0", "SHOP_CONSUMER_BATCH_SIZE must be >= 1"),
        ("SHOP_CONSUMER_BACKOFF_SECONDS", "-1", "SHOP_CONSUMER_BACKOFF_SECONDS must be >= 0"),
        ("SHOP_RELAY_POLL_SECONDS", "0", "SHOP_RELAY_POLL_SECONDS must be > 0"),
        ("SHOP_HTTP_PORT", "70000", "SHOP_HTTP_PORT must be <= 65535"),
        ("SHOP_MAX_REQUEST_BYTES", "0", "SHOP_MAX_REQUEST_BYTES must be >= 1"),
    ],
)
def test_out_of_range_setting_is_refused_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)

    with pytest.raises(InvalidSettings) as refused:
        ShopSettings(service_name="shop", database_url="postgresql://x@h/db")

    assert expected in str(refused.value)


def test_every_numeric_setting_has_a_range() -> None:
    numeric = {
        name: field
        for name, field in ServiceSettings.model_fields.items()
        if field.annotation in (int, float)
    }
    unbounded = [name for name, field in numeric.items() if not field.metadata]

    assert numeric and not unbounded, f"no range on {unbounded}"


def test_service_cli_refuses_to_start_with_zero_attempts_and_names_the_variable() -> None:
    env = {
        **os.environ,
        "CONTENT_DATABASE_URL": "postgresql://unused@127.0.0.1/unused",
        "CONTENT_CONSUMER_MAX_ATTEMPTS": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "content", "migrate"], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 2, done.stderr
    assert "CONTENT_CONSUMER_MAX_ATTEMPTS must be >= 1" in done.stderr
    assert "Traceback" not in done.stderr
