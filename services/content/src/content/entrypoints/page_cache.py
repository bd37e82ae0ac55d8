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
    it, whichever instance made it), so a page is never served once its catalogue has changed; requests
    arriving together share that read (`SharedReads`). Requests
    for a page that is being rendered wait for that one rendering instead of each searching again (at
    50 clients, a cold cache otherwise ran 50 searches at once on a pool of 10).
    """

    def __init__(self, size: int, version: CatalogueVersion) -> None:
        self._pages: LRUCache[Hashable, RenderedPage] = LRUCache(maxsize=max(size, 1))
        self._size, self._version, self._at = size, SharedReads(version), -1
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

    async def kept(self, query: Hashable) -> RenderedPage | None:
        """The page kept for `query` if the catalogue is still at its version (one shared version read)."""
        version = await self._version()
        return self._pages.get(query) if version == self._at else None

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


class SharedReads:
    """The catalogue version read once for every request that arrived while the previous read ran.

    Each caller gets a read that began after it asked, so a change committed before a request arrived is
    always seen; but at 50 clients one statement serves a whole wave of requests instead of each
    queueing for one of the pool's connections (a round trip per request was ~14 % of a cached search).
    """

    def __init__(self, read: CatalogueVersion) -> None:
        self._read = read
        self._next: asyncio.Future[int] | None = None  # the read the callers since the last began await
        self._reader: asyncio.Task[None] | None = None

    async def __call__(self) -> int:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
            self._next.add_done_callback(_retrieved)
        waiting = self._next
        if self._reader is None:
            self._reader = asyncio.ensure_future(self._read_while_asked())
        # shielded: one waiter's cancelled request does not cancel the read the others wait for
        return await asyncio.shield(waiting)

    async def _read_while_asked(self) -> None:
        try:
            while (asked := self._next) is not None:
                self._next = None  # callers from now on wait for the following read
                try:
                    asked.set_result(await self._read())
                except asyncio.CancelledError:  # the service stops: nobody is left waiting forever
                    asked.cancel()
                    raise
                except Exception as exc:  # each caller of this read gets it (a 503 when PostgreSQL is away)
                    asked.set_exception(exc)
        finally:
            self._reader = None


def _retrieved(done: asyncio.Future[int]) -> None:
    if not done.cancelled():
        done.exception()  # callers all gone is no "exception was never retrieved" log
