"""xAPI statement rules (pure): batch size, what counts as the same statement."""

import pytest
from reporting.app.xapi_statements import StoreStatements, store_statements
from reporting.domain.xapi import StatementRefused, content_hash
from servicekit.ports import Dependencies


async def test_more_than_a_hundred_statements_are_refused_before_anything_is_opened():
    with pytest.raises(StatementRefused, match="1 to 100"):
        await store_statements(StoreStatements("city-lms", [{}] * 101), None, Dependencies())  # type: ignore[arg-type]


def test_what_the_lrs_adds_does_not_change_a_statements_content():
    sent = {"id": "x", "verb": {"id": "http://v"}, "actor": {"mbox": "mailto:a@b.c"}}
    assert content_hash(sent) == content_hash({**sent, "stored": "2027-01-01T00:00:00Z", "version": "1.0.3"})
    assert content_hash(sent) != content_hash({**sent, "verb": {"id": "http://w"}})
