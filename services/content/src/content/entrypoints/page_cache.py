"""Rendered catalogue pages kept per catalogue version: a repeated search costs one version read."""

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass

from cachetools import LRUCache

from content.app.ports import CatalogueVersion


@dataclass(frozen=True)
class RenderedPage:
    """A page's JSON body and its ETag, as sent."""

    body: bytes
    etag: str


class PageCache:
    """The most recently asked pages of the newest catalogue version seen; a newer one drops them all.

    The version is read from the database on every request (every write to courses or offerings moves
    it, whichever instance made it), so a page is never served once its catalogue has changed.
    """

    def __init__(self, size: int, version: CatalogueVersion) -> None:
        self._pages: LRUCache[Hashable, RenderedPage] = LRUCache(maxsize=max(size, 1))
        self._size, self._version, self._at = size, version, -1

    async def page(self, query: Hashable, render: Callable[[], Awaitable[RenderedPage]]) -> RenderedPage:
        """The page kept for `query` at the catalogue's current version, else `render()`ed and kept."""
        version = await self._version()
        if version == self._at and (kept := self._pages.get(query)) is not None:
            return kept
        page = await render()
        if version > self._at:  # requests of an older version still in flight keep nothing
            self._pages.clear()
            self._at = version
        if version == self._at and self._size > 0:
            self._pages[query] = page
        return page
