"""JWT bearer authentication with roles: HS256 dev key locally, public key or JWKS in production."""

import ipaddress
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer

from servicekit.http.clients import BasicClients
from servicekit.http.jwks import JwksKeys
from servicekit.http.problems import Problem
from servicekit.http.tokencache import VerifiedTokens
from servicekit.settings import ServiceSettings

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


class InsecureAuthSettings(RuntimeError):
    """The service's authentication settings are unsafe to start with."""


def check_auth_settings(settings: ServiceSettings) -> None:
    """Refuse to start with no key at all, or with the dev key on anything but a loopback address."""
    dev_key = bool(settings.jwt_dev_secret and settings.jwt_dev_secret.get_secret_value())
    if not (dev_key or settings.jwt_public_key or settings.jwt_jwks_url):
        _refuse(
            "no token key configured: set JWT_JWKS_URL or JWT_PUBLIC_KEY (JWT_DEV_SECRET for local runs only)"
        )
    if dev_key and not _is_loopback(settings.http_host):
        _refuse(
            f"JWT_DEV_SECRET is set, so HTTP_HOST must be a loopback address, not {settings.http_host!r}; "
            "in production set JWT_JWKS_URL or JWT_PUBLIC_KEY and leave JWT_DEV_SECRET unset"
        )


def _refuse(reason: str) -> None:
    # Logged as well: the log shows exception types, not messages, and this message is the operator's fix.
    log.critical("refusing to start: %s", reason)
    raise InsecureAuthSettings(reason)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to any interface
        return False


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token subject, its roles, and the administrative areas (codes) it serves.

    `areas` comes from the token's `localities` claim (a list of codes) or a single `locality` claim; a
    service whose staff act only within their areas lets a token that names none see nothing. `scopes`
    comes from the OAuth `scope` claim (space-separated, RFC 9068): what a machine client may do.
    """

    subject: str
    roles: frozenset[str]
    areas: frozenset[str] = frozenset()
    scopes: frozenset[str] = frozenset()


class _MalformedClaim(jwt.InvalidTokenError):
    """A claim of the wrong shape: refused like any invalid token."""


def _areas(claims: dict[str, Any]) -> frozenset[str]:
    value = claims.get("localities", [claims["locality"]] if "locality" in claims else [])
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise _MalformedClaim("localities must be a list of strings")
    return frozenset(value)


def _scopes(claims: dict[str, Any]) -> frozenset[str]:
    value = claims.get("scope", "")
    if not isinstance(value, str):
        raise _MalformedClaim("scope must be a space-separated string")
    return frozenset(value.split())


class TokenVerifier:
    """Verifies bearer tokens against the configured key source."""

    def __init__(self, settings: ServiceSettings) -> None:
        self._audience, self._issuer = settings.jwt_audience, settings.jwt_issuer
        self.jwks = (
            JwksKeys(
                settings.jwt_jwks_url,
                refresh_seconds=settings.jwt_jwks_refresh_seconds,
                timeout_seconds=settings.jwt_jwks_timeout_seconds,
            )
            if settings.jwt_jwks_url
            else None
        )
        self._public_key = settings.jwt_public_key
        self._secret = settings.jwt_dev_secret.get_secret_value() if settings.jwt_dev_secret else None
        self.verified = VerifiedTokens[Principal](settings.jwt_cache_size, settings.jwt_cache_max_seconds)

    def _key(self, token: str) -> tuple[Any, list[str]]:
        if self.jwks is not None:  # keys fetched ahead, off the event loop: no network I/O here
            key = self.jwks.key(jwt.get_unverified_header(token).get("kid"))
            if key is None:
                raise jwt.InvalidKeyError("no known signing key with this kid (yet)")
            return key, ["RS256", "ES256"]
        if self._public_key:
            return self._public_key, ["RS256", "ES256"]
        if self._secret:
            return self._secret, ["HS256"]
        raise Problem(503, "Authentication is not configured", kind="auth-not-configured")

    def verify(self, token: str) -> Principal:
        """The token's principal, or a 401 problem; a token verified before is taken from the cache."""
        if (known := self.verified.get(token)) is not None:
            return known
        try:
            key, algorithms = self._key(token)  # a JWKS lookup parses the token: malformed is a 401 too
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "sub"]},  # no everlasting tokens; every caller has a subject
            )
            areas, scopes = _areas(claims), _scopes(claims)
        except jwt.PyJWTError as exc:
            # The reason helps an operator, not a caller probing keys and claims; never log the token.
            log.debug("bearer token refused", extra={"error": type(exc).__name__})
            raise Problem(401, "Invalid bearer token", kind="unauthorized") from exc
        principal = Principal(str(claims["sub"]), frozenset(claims.get("roles", ())), areas, scopes)
        self.verified.put(token, principal, float(claims["exp"]))
        return principal


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


def issue_dev_token(
    settings: ServiceSettings,
    subject: str,
    roles: list[str],
    hours: float = 12,
    areas: list[str] | None = None,
    scopes: list[str] | None = None,
) -> str:
    """A token signed with the dev key (local runs and tests only); `areas` become its `localities` claim,
    `scopes` its `scope` claim."""
    if settings.jwt_dev_secret is None:
        raise RuntimeError("no dev signing key configured")
    now = datetime.now(UTC)
    claims = {
        "sub": subject,
        "roles": roles,
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "iat": now,
        "exp": now + timedelta(hours=hours),
        **({"localities": areas} if areas is not None else {}),
        **({"scope": " ".join(scopes)} if scopes is not None else {}),
    }
    return jwt.encode(claims, settings.jwt_dev_secret.get_secret_value(), algorithm="HS256")
