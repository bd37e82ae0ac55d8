"""Against the secured broker: each principal may do exactly what contracts.rights grants it, nothing more."""

from typing import Any

import pytest
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    TopicAuthorizationFailedError,
)
from contracts.rights import TOPIC_RIGHTS
from localinfra.kafka_secured import SecuredKafka

from tests.security.secured_clients import consume_as, produce_as, sasl_settings, visible_topics

pytestmark = pytest.mark.integration


async def test_enrolment_cannot_write_the_course_topic(
    secured_kafka_server: SecuredKafka, kafka_rights: str
) -> None:
    enrolment = sasl_settings(secured_kafka_server, "enrolment")
    with pytest.raises(TopicAuthorizationFailedError):
        await produce_as(enrolment, kafka_rights + "content.courses", b"capacity: 100000")


async def test_content_cannot_read_enrolments(secured_kafka_server: SecuredKafka, kafka_rights: str) -> None:
    enrolments = kafka_rights + "enrolment.enrolments"
    await produce_as(sasl_settings(secured_kafka_server, "enrolment"), enrolments, b"learner enrolled")
    assert enrolments in await visible_topics(sasl_settings(secured_kafka_server, "reporting"))
    content = sasl_settings(secured_kafka_server, "content")
    assert enrolments not in await visible_topics(content)
    with pytest.raises(TopicAuthorizationFailedError):
        await produce_as(content, enrolments, b"forged")


async def test_a_producer_cannot_read_back_its_own_topic(
    secured_kafka_server: SecuredKafka, kafka_rights: str
) -> None:
    enrolment = sasl_settings(secured_kafka_server, "enrolment")
    await produce_as(enrolment, kafka_rights + "enrolment.enrolments", b"learner enrolled")
    with pytest.raises(TopicAuthorizationFailedError):
        await consume_as(enrolment, kafka_rights + "enrolment.enrolments", group=None)


async def test_content_cannot_use_another_services_group(
    secured_kafka_server: SecuredKafka, kafka_rights: str
) -> None:
    content = sasl_settings(secured_kafka_server, "content")
    with pytest.raises(GroupAuthorizationFailedError):
        await consume_as(content, kafka_rights + "content.courses", group=kafka_rights + "enrolment")


async def test_wrong_password_cannot_connect(
    secured_kafka_server: SecuredKafka, kafka_rights: str, caplog: pytest.LogCaptureFixture
) -> None:
    impostor = sasl_settings(secured_kafka_server, "content", password="not-the-password")
    with pytest.raises(KafkaConnectionError):
        await produce_as(impostor, kafka_rights + "content.courses", b"x")
    assert "SaslAuthenticationFailed" in caplog.text  # refused for its credentials, not for a closed port


async def test_city_system_writes_only_its_inbound_topic(
    secured_kafka_server: SecuredKafka, kafka_rights: str
) -> None:
    city = sasl_settings(secured_kafka_server, "city-lms")
    await produce_as(city, kafka_rights + "city.learning-activity", b"activity")
    with pytest.raises(TopicAuthorizationFailedError):
        await produce_as(city, kafka_rights + "content.courses", b"course")
    with pytest.raises(TopicAuthorizationFailedError):
        await consume_as(city, kafka_rights + "city.learning-activity", group=None)


@pytest.mark.parametrize("rights", [r for r in TOPIC_RIGHTS if r.consumers], ids=lambda r: r.topic)
async def test_each_service_does_what_it_needs(
    secured_kafka_server: SecuredKafka, kafka_rights: str, rights: Any
) -> None:
    """The producer writes its topic; each consumer reads it in its own group and writes its DLQ."""
    topic = kafka_rights + rights.topic
    await produce_as(sasl_settings(secured_kafka_server, rights.producer), topic, b"fact")
    for consumer in rights.consumers:
        settings = sasl_settings(secured_kafka_server, consumer)
        assert await consume_as(settings, topic, group=kafka_rights + consumer) == [b"fact"]
        await produce_as(settings, kafka_rights + rights.dead_letter, f"dead letter from {consumer}".encode())
