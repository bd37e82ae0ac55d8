"""The platform's one pagination envelope for lists, `{items, next_cursor}` (cursors: `http.cursors`)."""

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

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
