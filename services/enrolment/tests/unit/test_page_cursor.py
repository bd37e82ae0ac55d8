"""Keyset cursors are opaque and round-trip; anything else is a 422 on the cursor parameter."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from enrolment.app.learner_query import PageKey
from enrolment.entrypoints.page_cursor import decode_cursor, encode_cursor
from servicekit.http.problems import Problem


def test_a_cursor_round_trips_and_does_not_show_the_id():
    key = PageKey(datetime(2026, 11, 30, 3, 0, 0, 123456, tzinfo=UTC), uuid4())

    cursor = encode_cursor(key)

    assert decode_cursor(cursor) == key and str(key.learner_id) not in cursor
    assert encode_cursor(None) is None and decode_cursor(None) is None


@pytest.mark.parametrize(
    "cursor", ["%%%", "bm90LWEtY3Vyc29y", "WzEsMl0", "WyIyMDI2LTExLTMwVDAzOjAwOjAwIiwieCJd"]
)
def test_a_cursor_that_is_not_ours_is_a_422_naming_it(cursor):
    with pytest.raises(Problem) as caught:
        decode_cursor(cursor)

    assert caught.value.status == 422 and caught.value.extra["errors"][0]["loc"] == ["query", "cursor"]
