"""Contacts leave enrolment only on the restricted contacts topic: on registration, change and erasure."""

import json
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from enrolment.bootstrap import EnrolmentSettings, bootstrap

pytestmark = pytest.mark.integration

CONTACTS_TOPIC = "enrolment.learner-contacts"
AN = {
    "full_name": "Bùi Văn An",
    "date_of_birth": "1980-01-02",
    "sex": "male",
    "locality_code": "00004",
    "learner_type": "resident",
    "email": "an@example.vn",
    "phone": "0912345678",
    "consent": ["email", "in_app"],
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(start_service) -> AsyncIterator:
    async with start_service(EnrolmentSettings, bootstrap) as svc:
        yield svc


async def events(service, learner_id: str) -> list[tuple[str, str, dict]]:
    rows = await service.db.fetch(
        "SELECT topic, event_type, payload FROM outbox WHERE message_key = $1 ORDER BY seq", learner_id
    )
    return [(r["topic"], r["event_type"].rsplit(".", 2)[-2], json.loads(r["payload"])) for r in rows]


def on_contacts_topic(found: list[tuple[str, str, dict]]) -> list[tuple[str, dict]]:
    return [(kind, payload) for topic, kind, payload in found if topic.endswith(CONTACTS_TOPIC)]


async def test_registration_sends_the_contacts_on_the_restricted_topic_only(service):
    staff = service.token("officer-1", "admin")
    learner = (await service.client.post("/v1/learners", json=AN, headers=staff)).json()

    found = await events(service, learner["id"])
    [(kind, payload)] = on_contacts_topic(found)
    assert kind == "changed" and payload["email"] == "an@example.vn"
    assert payload["consent"] == ["email", "in_app"] and payload["language"] == "vi"
    elsewhere = [p for topic, _, p in found if not topic.endswith(CONTACTS_TOPIC)]
    assert elsewhere and not any("an@example.vn" in json.dumps(p) for p in elsewhere)


async def test_erasure_supersedes_the_contacts_with_a_record_that_has_none(service):
    staff = service.token("officer-1", "admin")
    learner = (await service.client.post("/v1/learners", json=AN, headers=staff)).json()

    await service.client.delete(f"/v1/learners/{learner['id']}", headers=staff)

    kinds = on_contacts_topic(await events(service, learner["id"]))
    assert [k for k, _ in kinds] == ["changed", "erased"]
    assert set(kinds[-1][1]) == {"learner_id", "erased_at"}


async def test_the_contacts_topic_is_created_compacted_so_superseded_contacts_leave_the_log(service):
    name = service.runtime.settings.topic_prefix + CONTACTS_TOPIC
    admin = AIOKafkaAdminClient(bootstrap_servers=service.runtime.settings.kafka_bootstrap)
    await admin.start()
    try:
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
        [dead_letters] = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, name + ".dlq")]
        )
    finally:
        await admin.close()
    config = {entry[0]: entry[1] for entry in response.resources[0][4]}
    assert config["cleanup.policy"] == "compact"
    assert int(config["max.compaction.lag.ms"]) == 7 * 24 * 3600 * 1000
    dlq = {entry[0]: entry[1] for entry in dead_letters.resources[0][4]}
    assert (dlq["cleanup.policy"], dlq["retention.ms"]) == ("delete", str(30 * 24 * 3600 * 1000))


async def test_consent_to_the_messaging_app_reaches_notifications_on_the_contacts_event(service):
    staff = service.token("officer-1", "admin")
    body = {**AN, "email": None, "consent": ["zalo", "sms"]}  # campaigns reach many learners on Zalo
    registered = await service.client.post("/v1/learners", json=body, headers=staff)
    assert registered.status_code == 201, registered.text

    [(kind, payload)] = on_contacts_topic(await events(service, registered.json()["id"]))
    assert kind == "changed" and payload["consent"] == ["sms", "zalo"] and payload["phone"] == "0912345678"
