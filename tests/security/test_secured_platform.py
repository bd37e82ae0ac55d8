"""The services themselves on the secured broker: each kit client (relay producer, consumers, DLQ sender)
connects over SASL_SSL as its own principal and does its work within the rights contracts grant it."""

import pytest
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment_bootstrap
from localinfra.catalogue import publish_course_with_offering
from localinfra.kafka_secured import SecuredKafka
from localinfra.polling import eventually
from servicekit.dlqtool import read_dead_letters
from servicekit.kafka_security import kafka_endpoint

from tests.security.secured_clients import produce_as, sasl_settings

pytestmark = pytest.mark.integration


def as_principal(kafka: SecuredKafka, name: str) -> dict[str, object]:
    """The Kafka settings a deployment gives service `name`: SASL_SSL, its own user, the platform CA."""
    return {
        "kafka_bootstrap": kafka.sasl_bootstrap,
        "kafka_security_protocol": "SASL_SSL",
        "kafka_sasl_username": name,
        "kafka_sasl_password": kafka.passwords[name],
        "kafka_ssl_cafile": str(kafka.cafile),
        "create_topics": False,  # no service may create topics: the operator (here the harness) did
    }


async def test_services_publish_consume_and_dead_letter_as_their_own_principals(
    start_service, secured_kafka_server, kafka_rights
):
    kafka, prefix = secured_kafka_server, kafka_rights
    async with (
        start_service(
            ContentSettings, content_bootstrap, prefix, **as_principal(kafka, "content")
        ) as content,
        start_service(
            EnrolmentSettings, enrolment_bootstrap, prefix, **as_principal(kafka, "enrolment")
        ) as enrol,
    ):
        editor = content.token("editor-1", "content-editor")
        offering = (await publish_course_with_offering(content.client, headers=editor)).offering
        profile = {"full_name": "An", "date_of_birth": "1990-05-01", "sex": "male", "locality_code": "00004"}
        registered = await enrol.client.post(
            "/v1/learners",
            json={**profile, "learner_type": "resident"},
            headers=enrol.token("officer-1", "enrolment-officer", localities=["00004"]),
        )
        learner = registered.json()["id"]

        async def enrolled() -> bool:
            body = {"offering_id": offering, "learner_id": learner}
            response = await enrol.client.post(
                "/v1/enrolments", json=body, headers=enrol.token(learner, "learner")
            )
            return response.status_code == 201

        await eventually(enrolled, timeout=60, interval=0.5)  # relay -> SASL topic -> enrolment's group
        await produce_as(sasl_settings(kafka, "content"), prefix + "content.offerings", b"{not json")

        admin = kafka_endpoint(sasl_settings(kafka, "admin"))

        async def dead_lettered() -> list:
            return await read_dead_letters(admin, prefix + "content.offerings")

        [letter] = await eventually(dead_lettered, timeout=60, interval=0.5)  # enrolment's DLQ right
        assert letter.header("dlq_consumer_group") == prefix + "enrolment"
        outbox = await enrol.db.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")
        # the learner's registration on enrolment.learners, their contacts on the restricted
        # enrolment.learner-contacts, the one confirmation (v2; v1 is retired) on enrolment.enrolments:
        # all published as `enrolment`
        assert outbox == 3
