"""A fast path for kept catalogue pages: `GET /v1/courses` answered before FastAPI's routing and validation.

At 50 clients a kept search spent about a third of its CPU in Starlette's routing and exception layers and
in FastAPI's query-parameter parsing, only to look a page up in the cache (docs/perf-notes/httpcost.md).
"""

from collections.abc import Hashable
from typing import Any

from cachetools import LRUCache
from starlette.types import ASGIApp, Receive, Scope, Send

from content.entrypoints.conditional import conditional
from content.entrypoints.page_cache import PageCache, RenderedPage

LONGEST_LEARNED = 4096
"""Longer query strings are left to the route: unknown parameters pass validation, and 512 kept megabyte
URLs would be half a gigabyte (the longest valid search, 200 percent-encoded Vietnamese letters, is ~2 KB)."""


class KnownQueries:
    """Raw query strings the route itself validated, each with the page key it normalised it to.

    The fast path never parses a query: it answers only a query string byte-for-byte equal to one the
    route accepted before, so it cannot accept, refuse or read a query differently from FastAPI. Bounded,
    so made-up query strings only push older ones out.
    """

    def __init__(self, size: int) -> None:
        self._keys: LRUCache[bytes, Hashable] = LRUCache(maxsize=max(size, 1))
        self._size = size
        self.route: Any = None  # the route routing matched: what the span and metrics name requests by

    def learn(self, scope: Scope, key: Hashable) -> None:
        """Remember that the route read this request's query string as the page `key` (a key that stays
        true: not one that depends on the date)."""
        if self._size > 0 and len(scope["query_string"]) <= LONGEST_LEARNED:
            self._keys[scope["query_string"]] = key
            self.route = scope["route"]

    def key(self, query_string: bytes) -> Hashable | None:
        """The page key the route gave `query_string`, if it has seen it."""
        return self._keys.get(query_string)


class KeptCatalogue:
    """Pure ASGI layer, innermost of the kit's: a kept page for a known query string is sent at once.

    It sits inside the kit's span, metrics, access log, size limit and error layers, and names the matched
    route in the scope as routing would, so those see the request exactly as the route's. Anything else
    (another path or method, a query not seen, a page not kept or of an older catalogue, a failed version
    read) is passed on untouched: the route answers it, or its 422/503 problem.
    """

    def __init__(self, app: ASGIApp, path: str, pages: PageCache, queries: KnownQueries) -> None:
        self.app, self._path, self._pages, self._queries = app, path, pages, queries

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = await self._kept(scope) if _plain_get(scope, self._path) else None
        if page is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = self._queries.route  # what the span and the metrics name the request by
        await conditional(page, _if_none_match(scope))(scope, receive, send)

    async def _kept(self, scope: Scope) -> RenderedPage | None:
        if (key := self._queries.key(scope["query_string"])) is None:
            return None
        try:
            return await self._pages.kept(key)
        except Exception:  # the route reads the version again and answers the failure itself
            return None


def _plain_get(scope: Scope, path: str) -> bool:
    # HEAD, a trailing slash (redirect) or a mounted root path: the route's own handling, not ours
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and scope["path"] == path
        and not scope.get("root_path")
    )


def _if_none_match(scope: Scope) -> str:
    # Starlette's `headers.get` takes the first such header; so does this
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            return str(value.decode("latin-1"))
    return ""
