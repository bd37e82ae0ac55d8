"""The inbox retention setting: a safe default and a range that outlasts every redelivery window."""

import pytest
from contracts.topics import DEAD_LETTER_RETENTION_MS
from servicekit.settings import InvalidSettings, ServiceSettings

DLQ_DAYS = DEAD_LETTER_RETENTION_MS / 86_400_000


def settings(**values: object) -> ServiceSettings:
    return ServiceSettings(service_name="t", database_url="postgresql://x/y", **values)


def test_default_inbox_retention_outlasts_the_dead_letter_retention():
    assert settings().inbox_keep_days > DLQ_DAYS


@pytest.mark.parametrize("days", [0, 7, DLQ_DAYS, 3651])
def test_inbox_retention_shorter_than_a_redrive_or_absurdly_long_is_refused(days):
    with pytest.raises(InvalidSettings):
        settings(inbox_keep_days=days)


def test_inbox_prune_interval_must_be_positive():
    with pytest.raises(InvalidSettings):
        settings(inbox_prune_every_seconds=0)
