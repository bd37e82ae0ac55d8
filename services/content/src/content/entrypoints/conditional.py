"""Public reads with an ETag: `If-None-Match` with the same tag answers 304 without a body."""

import hashlib
from typing import Any

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from starlette.responses import Response as StarletteResponse


def etagged(request: Request, payload: Any, headers: dict[str, str] | None = None) -> StarletteResponse:
    """The payload as JSON with a strong ETag over its bytes, or 304 when the client already has them."""
    response = JSONResponse(jsonable_encoder(payload), headers=headers)
    tag = '"' + hashlib.sha256(response.body).hexdigest()[:32] + '"'
    # Public data that may change at any publish: caches may keep it but must revalidate every time.
    cache = {"ETag": tag, "Cache-Control": "public, no-cache"}
    if tag in _tags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers={**cache, **(headers or {})})
    response.headers.update(cache)
    return response


def _tags(header: str) -> set[str]:
    # Weak tags match too (RFC 9110 uses the weak comparison for If-None-Match).
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
