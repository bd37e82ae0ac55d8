"""City systems' learning activity over real Kafka: progress on the learner's enrolment (only rises); an
unknown enrolment or an invalid message lands in the sender's error report, and the stream goes on."""

import uuid
from datetime import UTC, datetime

import pytest
from contracts.events.city import LearningActivityRecordedV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce

pytestmark = pytest.mark.integration

CITY_LMS = "/vn/hanoi/city/city-lms"


def officer(enrolment) -> dict[str, str]:
    return enrolment.token("officer-1", "enrolment-officer", localities=["00004"])


async def enrolled(enrolment, offering_id, learner_id) -> str:
    body = {"offering_id": str(offering_id), "learner_id": str(learner_id)}
    response = await enrolment.client.post("/v1/enrolments", json=body, headers=officer(enrolment))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def activity(learner_id, offering_id, percent: int | None) -> LearningActivityRecordedV1:
    return LearningActivityRecordedV1(
        learner_id=learner_id,
        offering_id=offering_id,
        activity_id="https://lms.hanoi.example/module-1",
        progress_percent=percent,
        occurred_at=datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
    )


async def progress(enrolment, enrolment_id: str) -> tuple[str, int]:
    response = await enrolment.client.get(f"/v1/enrolments/{enrolment_id}", headers=officer(enrolment))
    body = response.json()
    return body["status"], body["progress"]


async def report(enrolment, *token) -> list[tuple[str, str, int]]:
    response = await enrolment.client.get("/v1/inbound/errors", headers=enrolment.token(*token))
    assert response.status_code == 200, response.text
    return sorted((line["source"], line["code"], line["count"]) for line in response.json()["lines"])


async def test_reported_activity_raises_progress_and_refusals_go_to_the_senders_error_report(
    enrolment, kafka_server, offering, learner
):
    me, offering_id = await learner(), await offering()
    enrolment_id = await enrolled(enrolment, offering_id, me)
    stranger_offering = uuid.uuid4()
    good = [as_message(activity(me, offering_id, p), source=CITY_LMS) for p in (30, 60, 45)]
    unknown = as_message(activity(me, stranger_offering, 50), source=CITY_LMS)
    broken = (b'{"learner_id": "not-a-uuid"}', good[0][1])
    topic = enrolment.runtime.settings.topic_prefix + "city.learning-activity"
    # one key (the learner): invalid and unknown first, then the valid ones, all on one partition
    await produce(kafka_server.bootstrap_servers, topic, [broken, unknown, *good], key=str(me).encode())

    assert await eventually(lambda: _at(enrolment, enrolment_id, 60), timeout=30, interval=0.2)
    assert await progress(enrolment, enrolment_id) == ("active", 60)  # the later, lower 45 changed nothing
    expected = [("city-lms", "invalid_payload", 1), ("city-lms", "not-found", 1)]
    assert await eventually(lambda: _report_is(enrolment, expected), timeout=10, interval=0.2)
    assert await report(enrolment, "other-lms", "city-system") == []  # a city system sees only its own
    metrics = enrolment.runtime.metrics.inbound_errors
    assert metrics.labels("city-lms", topic, "not-found")._value.get() == 1


async def _at(enrolment, enrolment_id: str, percent: int) -> bool:
    return (await progress(enrolment, enrolment_id))[1] >= percent


async def _report_is(enrolment, expected) -> bool:
    return await report(enrolment, "admin-1", "admin") == expected and (
        await report(enrolment, "city-lms", "city-system") == expected
    )
