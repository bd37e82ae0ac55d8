"""Keyset cursors round-trip with their types; anything not made by the kit is a 422 on `cursor`."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from servicekit.http import cursors
from servicekit.http.problems import Problem

AT = datetime(2026, 11, 30, 3, 0, 0, 123456, tzinfo=UTC)


def test_a_key_of_several_types_round_trips_and_the_cursor_is_opaque():
    key = (AT, uuid4(), 7, "b")

    cursor = cursors.encode(*key)

    assert cursors.decode(cursor, datetime, UUID, int, str) == key
    assert str(key[1]) not in cursor and "=" not in cursor
    assert cursors.decode(None, UUID) is None


def forged(values: object) -> str:
    import base64
    import json

    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%",
        "bm90LWEtY3Vyc29y",  # base64 of text that is not JSON
        forged({"at": "x"}),  # not a list
        forged([AT.isoformat()]),  # too short
        forged([AT.isoformat(), "not-a-uuid"]),
        forged(["2026-11-30T03:00:00", str(uuid4())]),  # a time without its zone
        forged([1, 2]),  # numbers where text is expected
    ],
)
def test_a_cursor_that_is_not_ours_is_a_422_naming_the_parameter(cursor):
    with pytest.raises(Problem) as caught:
        cursors.decode(cursor, datetime, UUID)

    assert caught.value.status == 422
    assert caught.value.extra["errors"] == [{"loc": ["query", "cursor"], "type": "cursor-invalid"}]


@pytest.mark.parametrize("value", ["7", True, 1.5])
def test_a_number_must_be_a_whole_number(value):
    with pytest.raises(Problem):
        cursors.decode(forged([value]), int)


def test_a_float_key_comes_back_exactly():
    key = (0.1 + 0.2, UUID(int=7))

    assert cursors.decode(cursors.encode(*key), float, UUID) == key


@pytest.mark.parametrize("value", ["0.5", True, float("nan"), float("inf")])
def test_a_float_key_must_be_a_finite_number(value):
    with pytest.raises(Problem):
        cursors.decode(forged([value]), float)
