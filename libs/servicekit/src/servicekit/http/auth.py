"""JWT bearer authentication with roles: HS256 dev key locally, public key or JWKS in production."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from servicekit.http.problems import Problem
from servicekit.settings import ServiceSettings

_bearer = HTTPBearer(auto_error=False)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token subject and its roles."""

    subject: str
    roles: frozenset[str]


class TokenVerifier:
    """Verifies bearer tokens against the configured key source."""

    def __init__(self, settings: ServiceSettings) -> None:
        self._audience, self._issuer = settings.jwt_audience, settings.jwt_issuer
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None
        self._public_key = settings.jwt_public_key
        self._secret = settings.jwt_dev_secret.get_secret_value() if settings.jwt_dev_secret else None

    def _key(self, token: str) -> tuple[Any, list[str]]:
        if self._jwks is not None:
            return self._jwks.get_signing_key_from_jwt(token).key, ["RS256", "ES256"]
        if self._public_key:
            return self._public_key, ["RS256", "ES256"]
        if self._secret:
            return self._secret, ["HS256"]
        raise Problem(503, "Authentication is not configured", kind="auth-not-configured")

    def verify(self, token: str) -> Principal:
        """The token's principal, or a 401 problem."""
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
        except jwt.PyJWTError as exc:
            raise Problem(401, "Invalid bearer token", type(exc).__name__, "unauthorized") from exc
        return Principal(str(claims["sub"]), frozenset(claims.get("roles", ())))


def require(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the caller must hold one of `roles` (any authenticated caller if none)."""

    async def dependency(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
    ) -> Principal:
        if credentials is None:
            raise Problem(401, "Bearer token required", kind="unauthorized")
        principal: Principal = request.app.state.token_verifier.verify(credentials.credentials)
        if roles and not principal.roles & set(roles):
            raise Problem(403, "Forbidden", f"requires one of the roles: {', '.join(roles)}", "forbidden")
        return principal

    return dependency


def issue_dev_token(settings: ServiceSettings, subject: str, roles: list[str], hours: float = 12) -> str:
    """A token signed with the dev key (local runs and tests only)."""
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
    }
    return jwt.encode(claims, settings.jwt_dev_secret.get_secret_value(), algorithm="HS256")


def local_dev_token(subject: str, roles: list[str]) -> str:
    """A token for services running with the built-in dev key and default audience/issuer (`make run`)."""
    local = ServiceSettings(service_name="dev-token", database_url="postgresql://unused@127.0.0.1/unused")
    return issue_dev_token(local, subject, roles)
