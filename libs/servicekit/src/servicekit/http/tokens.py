"""Bearer tokens: verifying them against the configured key source, and issuing dev-key tokens."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from servicekit.http.jwks import JwksKeys
from servicekit.http.problems import Problem
from servicekit.http.tokencache import VerifiedTokens
from servicekit.settings import ServiceSettings

log = logging.getLogger("servicekit.http.auth")  # one logger for authentication, wherever the code sits


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
