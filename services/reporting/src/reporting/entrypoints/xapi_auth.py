"""Who may call the xAPI Statement API: city systems with their scopes, naming the xAPI version."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.http.rate_limits import limit_client

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


WRITE, READ_MINE = "statements/write", "statements/read/mine"
"""The xAPI scopes a city system's token (`scope` claim) or client file entry grants."""


def _versioned(scope: str, *roles: str) -> Callable[..., Awaitable[Principal]]:
    """The caller: authenticated (bearer token or Basic client), holding one of `roles` and, unless an
    administrator, `scope`; within its rate limit; naming the xAPI version it speaks (1.0.x). In that
    order, so a stranger learns nothing and a refused caller spends no rate."""
    allowed = require(*roles, basic=True)

    async def caller(
        request: Request, principal: Annotated[Principal, Depends(allowed)], version: VersionHeader = None
    ) -> Principal:
        if "admin" not in principal.roles and scope not in principal.scopes:
            raise Problem(403, "Forbidden", f"The {scope} scope is required.", "forbidden")
        limit_client(request, principal.subject)
        if version is None or not version.startswith("1.0"):
            raise Problem(400, "X-Experience-API-Version 1.0.x required", kind="xapi-version")
        return principal

    return caller


Writer = Annotated[Principal, Depends(_versioned(WRITE, "city-system"))]
Reader = Annotated[Principal, Depends(_versioned(READ_MINE, "city-system", "admin"))]
