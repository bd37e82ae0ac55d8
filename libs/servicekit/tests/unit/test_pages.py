"""Lists answer in one envelope, `{items, next_cursor}`, with opaque cursors that refuse what is not ours."""

import pytest
from servicekit.http.pages import Page, decode_cursor, encode_cursor
from servicekit.http.problems import Problem


class NamePage(Page[str]):
    """A page of names."""


def test_a_cursor_stands_for_the_key_it_was_made_from():
    assert decode_cursor(encode_cursor(["2026-03-01", "a/b+c"]), parts=2) == ["2026-03-01", "a/b+c"]


def test_the_last_page_has_no_cursor():
    assert encode_cursor(None) is None
    assert NamePage(items=["x"], next_cursor=None).model_dump() == {"items": ["x"], "next_cursor": None}


@pytest.mark.parametrize("cursor", ["not-ours", encode_cursor(["a", "b"]), encode_cursor([]), "W3sieCI6MX1d"])
def test_a_cursor_that_is_not_ours_is_a_422_naming_the_parameter(cursor):
    with pytest.raises(Problem) as refused:
        decode_cursor(cursor, parts=1)
    assert refused.value.status == 422
    assert refused.value.extra["errors"] == [{"loc": ["query", "cursor"], "type": "cursor-invalid"}]


def test_the_envelope_schema_names_items_and_next_cursor():
    schema = NamePage.model_json_schema()
    assert schema["required"] == ["items", "next_cursor"]
    assert schema["title"] == "NamePage"
