"""Bearer tokens: a valid token yields its principal; anything else is a 401 problem, never a 500."""

import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from servicekit.http.auth import Principal, TokenVerifier, issue_dev_token
from servicekit.http.problems import Problem
from servicekit.settings import ServiceSettings

DEV_KEY = "unit-test-signing-key-0123456789abcdef"


def settings(**overrides) -> ServiceSettings:
    values = {"service_name": "authtest", "database_url": "postgresql://unused/db", "jwt_dev_secret": DEV_KEY}
    return ServiceSettings(**{**values, **overrides})


def claims(**overrides) -> dict:
    now = datetime.now(UTC)
    values = {
        "sub": "learner-1",
        "roles": ["learner"],
        "aud": "learningcity",
        "iss": "learningcity-dev",
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    return {k: v for k, v in {**values, **overrides}.items() if v is not None}


def refused(verifier: TokenVerifier, token: str) -> Problem:
    with pytest.raises(Problem) as caught:
        verifier.verify(token)
    assert caught.value.status == 401
    return caught.value


def public_pem(private_key) -> str:
    return (
        private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


class TestDevKey:
    def test_a_dev_token_yields_its_subject_and_roles(self):
        s = settings()
        token = issue_dev_token(s, "officer-7", ["enrolment-officer", "admin"])

        assert TokenVerifier(s).verify(token) == Principal(
            "officer-7", frozenset({"enrolment-officer", "admin"})
        )

    def test_the_localities_claim_says_which_localities_the_caller_serves(self):
        token = jwt.encode(claims(localities=["00004", "09955"]), DEV_KEY, algorithm="HS256")

        assert TokenVerifier(settings()).verify(token).areas == frozenset({"00004", "09955"})

    def test_a_single_locality_claim_is_one_locality_and_none_is_no_locality(self):
        one = jwt.encode(claims(locality="00004"), DEV_KEY, algorithm="HS256")
        none = jwt.encode(claims(), DEV_KEY, algorithm="HS256")

        assert TokenVerifier(settings()).verify(one).areas == frozenset({"00004"})
        assert TokenVerifier(settings()).verify(none).areas == frozenset()

    @pytest.mark.parametrize("bad", [5, [4], {"a": 1}, ["00004", None]])
    def test_a_malformed_locality_claim_is_refused(self, bad):
        refused(TokenVerifier(settings()), jwt.encode(claims(localities=bad), DEV_KEY, algorithm="HS256"))

    def test_a_dev_token_carries_localities(self):
        s = settings()
        token = issue_dev_token(s, "staff-1", ["centre-staff"], areas=["00004"])

        assert TokenVerifier(s).verify(token).areas == frozenset({"00004"})

    def test_a_token_without_roles_has_none(self):
        token = jwt.encode(claims(roles=None), DEV_KEY, algorithm="HS256")

        assert TokenVerifier(settings()).verify(token).roles == frozenset()

    def test_an_expired_token_is_refused(self):
        past = datetime.now(UTC) - timedelta(hours=1)
        token = jwt.encode(claims(iat=past - timedelta(hours=1), exp=past), DEV_KEY, algorithm="HS256")

        assert refused(TokenVerifier(settings()), token).detail == ""  # generic; the reason is logged

    def test_a_token_for_another_audience_is_refused(self):
        token = jwt.encode(claims(aud="another-platform"), DEV_KEY, algorithm="HS256")

        refused(TokenVerifier(settings()), token)

    def test_a_token_from_another_issuer_is_refused(self):
        token = jwt.encode(claims(iss="someone-else"), DEV_KEY, algorithm="HS256")

        refused(TokenVerifier(settings()), token)

    def test_a_token_signed_with_another_key_is_refused(self):
        token = jwt.encode(claims(), "another-key-of-sufficient-length-0123456789", algorithm="HS256")

        refused(TokenVerifier(settings()), token)

    def test_a_token_without_a_subject_is_refused(self):
        token = jwt.encode(claims(sub=None), DEV_KEY, algorithm="HS256")

        refused(TokenVerifier(settings()), token)

    def test_a_token_without_an_expiry_is_refused(self):
        token = jwt.encode(claims(exp=None), DEV_KEY, algorithm="HS256")

        refused(TokenVerifier(settings()), token)

    def test_garbage_is_refused(self):
        refused(TokenVerifier(settings()), "not.a.jwt")


class TestPublicKey:
    def test_an_rs256_token_signed_with_the_matching_private_key_is_accepted(self):
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        verifier = TokenVerifier(settings(jwt_dev_secret=None, jwt_public_key=public_pem(private)))

        token = jwt.encode(claims(sub="analyst-1", roles=["analyst"]), private, algorithm="RS256")

        assert verifier.verify(token) == Principal("analyst-1", frozenset({"analyst"}))

    def test_an_es256_token_signed_with_the_matching_private_key_is_accepted(self):
        private = ec.generate_private_key(ec.SECP256R1())
        verifier = TokenVerifier(settings(jwt_dev_secret=None, jwt_public_key=public_pem(private)))

        assert verifier.verify(jwt.encode(claims(), private, algorithm="ES256")).subject == "learner-1"

    def test_an_rs256_token_from_another_key_pair_is_refused(self):
        ours, theirs = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
        verifier = TokenVerifier(settings(jwt_dev_secret=None, jwt_public_key=public_pem(ours)))

        refused(verifier, jwt.encode(claims(), theirs, algorithm="RS256"))

    def test_a_dev_hs256_token_is_refused_once_a_public_key_is_configured(self):
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        verifier = TokenVerifier(settings(jwt_public_key=public_pem(private)))

        refused(verifier, jwt.encode(claims(), DEV_KEY, algorithm="HS256"))


def test_a_malformed_token_is_refused_before_any_jwks_lookup():
    verifier = TokenVerifier(settings(jwt_dev_secret=None, jwt_jwks_url="http://127.0.0.1:9/jwks.json"))

    refused(verifier, "not-a-jwt")


def test_without_any_key_source_authentication_is_unavailable():
    with pytest.raises(Problem) as caught:
        TokenVerifier(settings(jwt_dev_secret=None)).verify(issue_dev_token(settings(), "x", []))

    assert caught.value.status == 503


class TestVerifiedTokenCache:
    def test_a_repeated_token_is_answered_from_the_cache_with_the_same_principal(self, monkeypatch):
        verifier = TokenVerifier(settings())
        token = jwt.encode(claims(), DEV_KEY, algorithm="HS256")
        first = verifier.verify(token)
        monkeypatch.setattr(jwt, "decode", lambda *a, **k: pytest.fail("verified twice"))
        assert verifier.verify(token) == first == Principal("learner-1", frozenset({"learner"}))

    def test_a_cached_token_is_refused_once_it_expires(self):
        verifier = TokenVerifier(settings())
        token = jwt.encode(claims(exp=datetime.now(UTC) + timedelta(seconds=1)), DEV_KEY, algorithm="HS256")
        verifier.verify(token)
        time.sleep(1.1)  # past exp (whole seconds): the cache must not outlive the token
        refused(verifier, token)

    def test_the_cache_is_bounded_and_a_size_of_zero_turns_it_off(self):
        verifier = TokenVerifier(settings(jwt_cache_size=2))
        for n in range(5):
            verifier.verify(jwt.encode(claims(sub=f"learner-{n}"), DEV_KEY, algorithm="HS256"))
        assert len(verifier.verified) == 2
        off = TokenVerifier(settings(jwt_cache_size=0))
        off.verify(jwt.encode(claims(), DEV_KEY, algorithm="HS256"))
        assert len(off.verified) == 0

    def test_a_refused_token_is_not_cached(self):
        verifier = TokenVerifier(settings())
        bad = jwt.encode(claims(), "another-key-0123456789abcdef-0123456789", algorithm="HS256")
        refused(verifier, bad)
        refused(verifier, bad)
        assert len(verifier.verified) == 0
