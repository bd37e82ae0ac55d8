"""Who may call the xAPI Statement API: city systems with their scopes, naming the xAPI version."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Header
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem

XAPI_VERSION = "1.0.3"
CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through"
VersionHeader = Annotated[str | None, Header(alias="X-Experience-API-Version")]
_DESCRIPTIONS = {
    400: "Not a valid xAPI request (statement, filter or version header)",
    404: "No such statement among the caller's",
    409: "The statement id is already used by another statement",
    429: "Too many requests from this client: retry after `Retry-After` seconds",
}


def declared(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of an xAPI operation (the kit documents each as problem+json)."""
    return {status: {"description": _DESCRIPTIONS[status]} for status in statuses}


def _versioned(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """The caller (authenticated and authorised first, so a stranger learns nothing), who must name the
    xAPI version they speak: 1.0.x."""
    allowed = require(*roles)

    async def caller(
        principal: Annotated[Principal, Depends(allowed)], version: VersionHeader = None
    ) -> Principal:
        if version is None or not version.startswith("1.0"):
            raise Problem(400, "X-Experience-API-Version 1.0.x required", kind="xapi-version")
        return principal

    return caller


Writer = Annotated[Principal, Depends(_versioned("city-system"))]
Reader = Annotated[Principal, Depends(_versioned("city-system", "admin"))]
