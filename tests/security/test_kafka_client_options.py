"""Kafka client security from settings: SASL/SCRAM and (m)TLS options for aiokafka and faststream."""

import ssl
from pathlib import Path
from typing import Any

import pytest
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLScram512
from localinfra.kafka_tls import create_ca
from servicekit.kafka_security import broker_security, client_options
from servicekit.settings import InvalidSettings, ServiceSettings


@pytest.fixture
def tls(tmp_path: Path) -> dict[str, str]:
    ca = create_ca(tmp_path)
    pair = ca.issue("enrolment")
    return {
        "kafka_ssl_cafile": str(ca.cafile),
        "kafka_ssl_certfile": str(pair.certificate),
        "kafka_ssl_keyfile": str(pair.key),
    }


def _settings(**kafka: Any) -> ServiceSettings:
    return ServiceSettings(service_name="enrolment", database_url="postgresql://x/y", **kafka)


def _sasl_ssl(cafile: str) -> ServiceSettings:
    return _settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="enrolment",
        kafka_sasl_password="s3cret-pw",
        kafka_ssl_cafile=cafile,
    )


def test_plaintext_by_default_changes_nothing() -> None:
    settings = _settings()
    assert client_options(settings) == {"security_protocol": "PLAINTEXT"}
    assert broker_security(settings) is None


def test_sasl_ssl_logs_in_with_scram_and_verifies_the_broker(tls: dict[str, str]) -> None:
    options = client_options(_sasl_ssl(tls["kafka_ssl_cafile"]))
    context = options.pop("ssl_context")
    assert options == {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "enrolment",
        "sasl_plain_password": "s3cret-pw",
    }
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname


def test_faststream_security_gives_the_same_options(tls: dict[str, str]) -> None:
    settings = _sasl_ssl(tls["kafka_ssl_cafile"])
    security = broker_security(settings)
    assert isinstance(security, SASLScram512)
    parsed = parse_security(security)
    assert isinstance(parsed.pop("ssl_context"), ssl.SSLContext)
    expected = client_options(settings)
    expected.pop("ssl_context")
    assert parsed == expected


def test_mtls_presents_the_client_certificate(tls: dict[str, str]) -> None:
    settings = _settings(kafka_security_protocol="SSL", **tls)
    options = client_options(settings)
    assert options["security_protocol"] == "SSL"
    assert "sasl_mechanism" not in options
    # The context loaded the key pair: a wrong key file would have raised here already.
    assert isinstance(options["ssl_context"], ssl.SSLContext)
    security = broker_security(settings)
    assert type(security) is BaseSecurity
    assert parse_security(security)["security_protocol"] == "SSL"


def test_password_never_shows_in_settings_repr(tls: dict[str, str]) -> None:
    assert "s3cret-pw" not in repr(_sasl_ssl(tls["kafka_ssl_cafile"]))


@pytest.mark.parametrize(
    ("kafka", "complaint"),
    [
        ({"kafka_security_protocol": "SASL_SSL", "kafka_ssl_cafile": "ca.pem"}, "needs kafka_sasl_username"),
        ({"kafka_security_protocol": "SASL_PLAINTEXT", "kafka_sasl_username": "x"}, "needs kafka_sasl"),
        ({"kafka_security_protocol": "SSL"}, "needs kafka_ssl_cafile"),
        (
            {"kafka_security_protocol": "SSL", "kafka_ssl_cafile": "ca.pem", "kafka_ssl_certfile": "c.pem"},
            "go together",
        ),
        ({"kafka_ssl_certfile": "c.pem", "kafka_ssl_keyfile": "k.pem"}, "needs kafka_security_protocol SSL"),
        ({"kafka_security_protocol": "SASL_SSL_PLUS"}, "kafka_security_protocol"),
        ({"kafka_sasl_mechanism": "PLAIN"}, "kafka_sasl_mechanism"),
    ],
)
def test_incomplete_or_unknown_security_settings_are_refused(kafka: dict[str, str], complaint: str) -> None:
    with pytest.raises(InvalidSettings, match="(?i)" + complaint):
        _settings(**kafka)
