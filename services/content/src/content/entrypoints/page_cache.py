"""Rendered catalogue pages kept per catalogue version: a repeated search costs one version read."""

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass

from cachetools import LRUCache

from content.app.ports import CatalogueVersion


@dataclass(frozen=True)
class RenderedPage:
    """A page's JSON body and its ETag, as sent."""

    body: bytes
    etag: str


Render = Callable[[], Awaitable[RenderedPage]]


class PageCache:
    """The most recently asked pages of the newest catalogue version seen; a newer one drops them all.

    The version is read from the database on every request (every write to courses or offerings moves
    it, whichever instance made it), so a page is never served once its catalogue has changed. Requests
    for a page that is being rendered wait for that one rendering instead of each searching again (at
    50 clients, a cold cache otherwise ran 50 searches at once on a pool of 10).
    """

    def __init__(self, size: int, version: CatalogueVersion) -> None:
        self._pages: LRUCache[Hashable, RenderedPage] = LRUCache(maxsize=max(size, 1))
        self._size, self._version, self._at = size, version, -1
        self._rendering: dict[tuple[int, Hashable], asyncio.Future[RenderedPage]] = {}

    async def page(self, query: Hashable, render: Render) -> RenderedPage:
        """The page kept for `query` at the catalogue's current version, else `render()`ed and kept."""
        version = await self._version()
        if version == self._at and (kept := self._pages.get(query)) is not None:
            return kept
        page = await self._render_once((version, query), render)
        if version > self._at:  # requests of an older version still in flight keep nothing
            self._pages.clear()
            self._at = version
        if version == self._at and self._size > 0:
            self._pages[query] = page
        return page

    async def _render_once(self, key: tuple[int, Hashable], render: Render) -> RenderedPage:
        if (running := self._rendering.get(key)) is None:
            running = self._rendering[key] = asyncio.ensure_future(render())
            running.add_done_callback(lambda done: self._rendered(key, done))
        # shielded: one waiter's cancelled request (a client gone) does not cancel the others' page
        return await asyncio.shield(running)

    def _rendered(self, key: tuple[int, Hashable], done: asyncio.Future[RenderedPage]) -> None:
        self._rendering.pop(key, None)
        if not done.cancelled():
            done.exception()  # each waiter still gets it; nobody left waiting is no "never retrieved" log
