"""Public reads with an ETag: `If-None-Match` with the same tag answers 304 without a body."""

import hashlib

from fastapi import Request, Response
from pydantic import BaseModel
from starlette.responses import Response as StarletteResponse

from content.entrypoints.page_cache import RenderedPage


def rendered(payload: BaseModel) -> RenderedPage:
    """The payload as JSON (pydantic's own serialiser, no intermediate dicts) with a strong ETag."""
    body = payload.model_dump_json(by_alias=True).encode()
    return RenderedPage(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def etagged(request: Request, payload: BaseModel | RenderedPage) -> StarletteResponse:
    """The page as JSON with its ETag, or 304 when the client already has those bytes."""
    page = payload if isinstance(payload, RenderedPage) else rendered(payload)
    return conditional(page, request.headers.get("if-none-match", ""))


def conditional(page: RenderedPage, if_none_match: str) -> StarletteResponse:
    """The page, or 304 when `if_none_match` (the request's first such header) names its ETag.

    Both the route and the kept-page fast path answer with this, so their bytes and headers are one."""
    # Public data that may change at any publish: caches may keep it but must revalidate every time.
    cache = {"ETag": page.etag, "Cache-Control": "public, no-cache"}
    if page.etag in _tags(if_none_match):
        return Response(status_code=304, headers=cache)
    return Response(page.body, media_type="application/json", headers=cache)


def _tags(header: str) -> set[str]:
    # Weak tags match too (RFC 9110 uses the weak comparison for If-None-Match).
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
