"""JWKS keys are fetched off the event loop, ahead of need, with a timeout; rotation is picked up."""

import http.server
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Annotated

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import APIRouter, Depends
from localinfra.polling import eventually
from servicekit.http.app import create_app
from servicekit.http.auth import Principal, require
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings


class IdentityProvider(http.server.ThreadingHTTPServer):
    """A JWKS endpoint on loopback whose keys can rotate, and which can hang."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.hang = threading.Event()
        self.served_threads: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/jwks.json"

    def token(self, kid: str) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": "u1",
            "roles": ["analyst"],
            "aud": "learningcity",
            "iss": "learningcity-dev",
            "iat": now,
            "exp": now + timedelta(minutes=5),
        }
        return jwt.encode(claims, self.keys[kid], algorithm="RS256", headers={"kid": kid})


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        server: IdentityProvider = self.server  # type: ignore[assignment]
        if server.hang.is_set():
            threading.Event().wait(5)  # answers nothing: longer than the client's timeout
            return
        keys = [
            {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())), "kid": kid, "alg": "RS256"}
            for kid, k in server.keys.items()
        ]
        body = json.dumps({"keys": keys}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    server = IdentityProvider()
    server.keys["k1"] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.hang.clear()
    server.shutdown()


def app_for(idp: IdentityProvider, fetch_threads: list[int]):
    settings = ServiceSettings(
        service_name="jwkstest",
        database_url="postgresql://unused/db",
        jwt_jwks_url=idp.url,
        jwt_jwks_timeout_seconds=0.5,
        http_host="0.0.0.0",
    )
    runtime = ServiceRuntime(settings, migrations=None)  # type: ignore[arg-type]
    router = APIRouter()

    @router.get("/v1/whoami")
    async def whoami(who: Annotated[Principal, Depends(require("analyst"))]) -> dict[str, str]:
        return {"sub": who.subject}

    app = create_app(runtime, [router], title="t", description="jwks")
    verifier = app.state.token_verifier
    original = verifier.jwks._client.get_jwk_set

    def recording(*args: object) -> object:
        fetch_threads.append(threading.get_ident())
        return original(*args)

    verifier.jwks._client.get_jwk_set = recording
    return app, runtime


async def call(app, token: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get("/v1/whoami", headers={"Authorization": f"Bearer {token}"})


async def test_keys_are_fetched_before_the_first_request_and_never_on_the_event_loop(idp, monkeypatch):
    fetch_threads: list[int] = []
    app, runtime = app_for(idp, fetch_threads)
    monkeypatch.setattr(runtime, "start", _no_dependencies)
    async with app.router.lifespan_context(app):
        assert fetch_threads  # fetched at start, ahead of need
        response = await call(app, idp.token("k1"))

    assert response.status_code == 200
    assert threading.get_ident() not in fetch_threads  # the loop's thread never waited on the network


async def test_a_rotated_key_is_refused_once_then_accepted_after_the_background_refresh(idp, monkeypatch):
    app, runtime = app_for(idp, [])
    monkeypatch.setattr(runtime, "start", _no_dependencies)
    async with app.router.lifespan_context(app):
        idp.keys["k2"] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        assert (await call(app, idp.token("k2"))).status_code == 401

        async def accepted() -> bool:
            return (await call(app, idp.token("k2"))).status_code == 200

        await eventually(accepted, timeout=10, interval=0.3)


async def test_a_hanging_identity_provider_delays_start_by_the_timeout_only_and_refuses_tokens(
    idp, monkeypatch
):
    idp.hang.set()
    app, runtime = app_for(idp, [])
    monkeypatch.setattr(runtime, "start", _no_dependencies)
    async with app.router.lifespan_context(app):
        assert (await call(app, idp.token("k1"))).status_code == 401


async def _no_dependencies(*_: object, **__: object) -> None:
    """These tests are about keys: no database or broker."""
