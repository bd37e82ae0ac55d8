"""The platform's one pagination envelope for lists, `{items, next_cursor}`, and its opaque cursors."""

import base64
import binascii
import json
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from servicekit.http.problems import Problem

CursorQuery = Annotated[
    str | None,
    Query(max_length=512, description="`next_cursor` of the previous page; leave out for the first page"),
]
"""The `cursor` query parameter every paginated list takes."""
Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """A page of a list: its items and the cursor of the next page (null on the last).

    Subclass it per list (`class CoursePage(Page[CourseView])`) so the OpenAPI schema gets a readable
    name; a list may add members that describe the whole list (e.g. a total).
    """

    items: list[Item] = Field(description="This page's items, in the list's documented order")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null when this is the last page",
        examples=["WyIwMTkzIl0"],
    )


def encode_cursor(key: list[str] | None) -> str | None:
    """An opaque cursor for the page after `key` (the sort key of a page's last item); None: no next page."""
    if key is None:
        return None
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, parts: int) -> list[str] | None:
    """The key (`parts` strings) a cursor stands for; a 422 naming the `cursor` parameter if not ours."""
    if cursor is None:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):  # JSONDecodeError and UnicodeDecodeError included
        raise _invalid() from None
    if not (isinstance(key, list) and len(key) == parts and all(isinstance(p, str) for p in key)):
        raise _invalid()
    return key


def _invalid() -> Problem:
    errors = [{"loc": ["query", "cursor"], "type": "cursor-invalid"}]
    return Problem(422, "Request is not valid", "The cursor is not valid.", "validation", errors=errors)
