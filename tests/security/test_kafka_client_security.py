"""The kit's security options reach the secured broker: mTLS principal by certificate, faststream by SASL."""

from pathlib import Path

import pytest
from aiokafka.errors import KafkaError, TopicAuthorizationFailedError
from faststream.kafka import KafkaBroker
from localinfra.kafka_secured import SecuredKafka
from localinfra.kafka_tls import create_ca
from servicekit.kafka_security import broker_security
from servicekit.settings import ServiceSettings

from tests.security.secured_clients import consume_as, produce_as, sasl_settings

pytestmark = pytest.mark.integration


def _mtls(kafka: SecuredKafka, principal: str, ca_dir: Path | None = None) -> ServiceSettings:
    """Settings for the mTLS listener; the certificate is signed by the platform CA unless ``ca_dir``."""
    pair = create_ca(ca_dir).issue(principal) if ca_dir else kafka.client_certificate(principal)
    return ServiceSettings(
        service_name=principal,
        database_url="postgresql://unused/db",  # type: ignore[arg-type]
        kafka_bootstrap=kafka.mtls_bootstrap,
        kafka_security_protocol="SSL",
        kafka_ssl_cafile=str(kafka.cafile),
        kafka_ssl_certfile=str(pair.certificate),
        kafka_ssl_keyfile=str(pair.key),
    )


async def test_mtls_principal_is_the_certificate_name(
    secured_kafka_server: SecuredKafka, kafka_rights: str
) -> None:
    courses = kafka_rights + "content.courses"
    await produce_as(_mtls(secured_kafka_server, "content"), courses, b"by certificate")
    with pytest.raises(TopicAuthorizationFailedError):
        await produce_as(_mtls(secured_kafka_server, "enrolment"), courses, b"wrong certificate")


async def test_certificate_from_another_ca_cannot_connect(
    secured_kafka_server: SecuredKafka, kafka_rights: str, tmp_path: Path
) -> None:
    forged = _mtls(secured_kafka_server, "content", ca_dir=tmp_path)
    with pytest.raises(KafkaError):
        await produce_as(forged, kafka_rights + "content.courses", b"forged")


async def test_faststream_broker_publishes_with_the_services_credentials(
    secured_kafka_server: SecuredKafka, kafka_rights: str
) -> None:
    offerings = kafka_rights + "content.offerings"
    content = sasl_settings(secured_kafka_server, "content")
    async with KafkaBroker(content.kafka_bootstrap, security=broker_security(content)) as broker:
        await broker.publish(b"via faststream", topic=offerings, key=b"k")
    enrolment = sasl_settings(secured_kafka_server, "enrolment")
    assert await consume_as(enrolment, offerings, group=kafka_rights + "enrolment") == [b"via faststream"]
