"""Rendered catalogue pages kept per catalogue version: a repeated search costs one version read."""

from collections.abc import Hashable
from dataclasses import dataclass

from cachetools import LRUCache


@dataclass(frozen=True)
class RenderedPage:
    """A page's JSON body and its ETag, as sent."""

    body: bytes
    etag: str


class PageCache:
    """The most recently asked pages of one catalogue version; a newer version drops them all.

    The version comes from the database (every write to courses or offerings moves it, whichever instance
    made it), so a page is never served after the catalogue it was rendered from has changed.
    """

    def __init__(self, size: int) -> None:
        self._pages: LRUCache[Hashable, RenderedPage] = LRUCache(maxsize=max(size, 1))
        self._size = size
        self._version = -1

    def get(self, version: int, query: Hashable) -> RenderedPage | None:
        """The page rendered for `query` at `version`, if kept."""
        return self._pages.get(query) if version == self._version else None

    def put(self, version: int, query: Hashable, page: RenderedPage) -> None:
        """Keep a page rendered at `version`; pages of older versions are dropped, of newer ones ignored."""
        if version > self._version:
            self._pages.clear()
            self._version = version
        if version == self._version and self._size > 0:
            self._pages[query] = page
