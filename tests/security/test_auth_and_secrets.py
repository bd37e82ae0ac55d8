"""No default signing key, no start without a key, the dev key only on loopback, generic 401/403 answers."""

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from localinfra.catalogue import COURSE
from localinfra.ports import free_port
from servicekit.http.auth import InsecureAuthSettings
from servicekit.settings import ServiceSettings

pytestmark = pytest.mark.integration


def test_settings_carry_no_signing_key_by_default():
    settings = ServiceSettings(service_name="x", database_url="postgresql://u@127.0.0.1/db")
    assert settings.jwt_dev_secret is None


async def test_a_service_with_no_key_at_all_refuses_to_start(start_service, with_settings):
    no_key = with_settings(content_bootstrap, jwt_dev_secret=None, jwt_public_key=None, jwt_jwks_url=None)
    with pytest.raises(InsecureAuthSettings, match="JWT_JWKS_URL"):
        async with start_service(ContentSettings, no_key):
            pass


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "::", "content.internal"])
async def test_a_service_with_the_dev_key_refuses_a_non_loopback_address(start_service, with_settings, host):
    exposed = with_settings(content_bootstrap, http_host=host)
    with pytest.raises(InsecureAuthSettings, match="loopback"):
        async with start_service(ContentSettings, exposed):
            pass


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
async def test_a_service_with_the_dev_key_starts_on_loopback(start_service, with_settings, host):
    async with start_service(ContentSettings, with_settings(content_bootstrap, http_host=host)) as content:
        assert (await content.client.get("/health/live")).status_code == 200


async def test_a_service_with_a_public_key_binds_any_address(start_service, with_settings, rsa_public_pem):
    public = with_settings(
        content_bootstrap, jwt_dev_secret=None, jwt_public_key=rsa_public_pem, http_host="0.0.0.0"
    )
    async with start_service(ContentSettings, public) as content:
        assert (await content.client.get("/health/live")).status_code == 200


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({}, "no token key configured"),
        ({"CONTENT_JWT_DEV_SECRET": "k" * 32, "CONTENT_HTTP_HOST": "0.0.0.0"}, "loopback"),
    ],
)
def test_serve_exits_with_the_reason_before_connecting_anything(env, reason):
    settings = {
        "CONTENT_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "CONTENT_HTTP_PORT": str(free_port()),
    }
    served = subprocess.run(
        [sys.executable, "-m", "content", "serve"],
        env={**os.environ, **settings, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert served.returncode != 0
    assert "refusing to start: " in served.stderr and reason in served.stderr


def _token(secret: str, **overrides) -> str:
    now = datetime.now(UTC)
    claims = {"sub": "ed", "roles": ["content-editor"], "aud": "learningcity", "iss": "learningcity-dev"}
    claims |= {"iat": now, "exp": now + timedelta(minutes=5)} | overrides
    return jwt.encode(claims, secret, algorithm="HS256")


async def test_every_refused_token_gets_the_same_generic_401(start_service, problem, json_log):
    async with start_service(ContentSettings, content_bootstrap) as content:
        secret = content.runtime.settings.jwt_dev_secret.get_secret_value()
        expired = _token(secret, exp=datetime.now(UTC) - timedelta(minutes=1))
        tokens = [
            expired,
            _token("another-key-0123456789abcdef0123456789"),
            "not.a.token",
            _token(secret, aud="x"),
        ]
        bodies = []
        for token in tokens:
            response = await content.client.post(
                "/v1/courses", json=COURSE, headers={"Authorization": f"Bearer {token}"}
            )
            bodies.append(problem(response, 401))
    assert all(body == bodies[0] for body in bodies), bodies
    assert "Error" not in str(bodies[0]) and "Signature" not in str(bodies[0])
    logged = json_log()
    assert "ExpiredSignatureError" in logged and "InvalidAudienceError" in logged  # at debug level
    assert expired not in logged and expired.split(".")[1] not in logged


async def test_a_403_does_not_name_the_roles_required(start_service, problem):
    async with start_service(ContentSettings, content_bootstrap) as content:
        response = await content.client.post(
            "/v1/courses", json=COURSE, headers=content.token(str(uuid.uuid4()), "learner")
        )
    body = problem(response, 403)
    assert "content-editor" not in response.text and "admin" not in response.text
    assert body["type"].endswith("/forbidden")
