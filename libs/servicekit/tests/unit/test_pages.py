"""Lists answer in one envelope, `{items, next_cursor}` (the cursors themselves: test_cursors.py)."""

from servicekit.http.pages import Page


class NamePage(Page[str]):
    """A page of names."""


def test_the_last_page_has_no_cursor():
    assert NamePage(items=["x"], next_cursor=None).model_dump() == {"items": ["x"], "next_cursor": None}


def test_the_envelope_schema_names_items_and_next_cursor():
    schema = NamePage.model_json_schema()
    assert schema["required"] == ["items", "next_cursor"]
    assert schema["title"] == "NamePage"
