"""JWT bearer authentication with roles: HS256 dev key locally, public key or JWKS in production.

The FastAPI dependency (`require`) lives here; token verification and dev tokens in `http.tokens`, the
start-up check of the settings in `http.auth_settings`. Both are re-exported for callers.
"""

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer

from servicekit.http.auth_settings import InsecureAuthSettings, check_auth_settings
from servicekit.http.clients import BasicClients
from servicekit.http.problems import Problem
from servicekit.http.tokens import Principal, TokenVerifier, issue_dev_token

__all__ = [
    "InsecureAuthSettings",
    "Principal",
    "TokenVerifier",
    "check_auth_settings",
    "issue_dev_token",
    "require",
]

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    bearerFormat="JWT",
    description="An access token from the city's identity provider: `Authorization: Bearer <token>`",
)
_basic = HTTPBasic(
    auto_error=False,
    scheme_name="basic",
    realm="learningcity",
    description="A machine client's id and secret (operations that also admit clients): "
    "`Authorization: Basic base64(id:secret)`",
)
log = logging.getLogger(__name__)


def require(*roles: str, basic: bool = False) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the caller must hold one of `roles` (any authenticated caller if none).

    With `basic`, a machine client may also present its HTTP Basic id and secret (`http.clients`, from
    `CLIENT_CREDENTIALS_FILE`); its principal gets the roles and scopes the file gives it.
    """

    async def dependency(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
    ) -> Principal:
        if credentials is None:
            raise Problem(401, "Bearer token required", kind="unauthorized")
        return _admitted(request.app.state.token_verifier.verify(credentials.credentials), roles)

    async def bearer_or_basic(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        client: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    ) -> Principal:
        if credentials is None and client is not None:
            return _admitted(await _client(request, client), roles)
        return await dependency(request, credentials)

    return bearer_or_basic if basic else dependency


def _admitted(principal: Principal, roles: tuple[str, ...]) -> Principal:
    if roles and not principal.roles & set(roles):
        log.debug("caller lacks the roles", extra={"required": sorted(roles)})
        raise Problem(403, "Forbidden", kind="forbidden")
    return principal


async def _client(request: Request, presented: HTTPBasicCredentials) -> Principal:
    """The principal of a machine client's Basic credentials, or a 401 (unknown id and wrong secret alike)."""
    clients: BasicClients = request.app.state.basic_clients
    client = await clients.verify(presented.username, presented.password)
    if client is None:
        log.debug("client credentials refused")  # never the id or secret: either may be mistyped secrets
        raise Problem(401, "Invalid client credentials", kind="unauthorized", headers=_CHALLENGE)
    return Principal(presented.username, frozenset(client.roles), scopes=frozenset(client.scopes))


_CHALLENGE = {"WWW-Authenticate": 'Basic realm="learningcity"'}
