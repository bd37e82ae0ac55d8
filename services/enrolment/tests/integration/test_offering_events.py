"""The offering model from content's events over real Kafka: whole states, the highest revision kept, and
v1 courses as standing offerings during the transition."""

import uuid
from datetime import date

import pytest
from contracts.events.content import CoursePublishedV1, OfferingChangedV1, OfferingScheduledV1, OfferingStatus
from localinfra.polling import eventually
from localinfra.topics import as_message, produce

pytestmark = pytest.mark.integration


async def kept(enrolment, offering_id):
    return await enrolment.db.fetchrow(
        "SELECT revision, status, capacity, reserved, audience, starts_on FROM offerings WHERE id = $1",
        offering_id,
    )


async def test_an_older_revision_arriving_late_changes_nothing(enrolment, kafka_server):
    offering_id = uuid.uuid4()
    base = {"offering_id": offering_id, "capacity": 50, "starts_on": date(2027, 3, 1)}
    scheduled = OfferingScheduledV1.example().model_copy(update={**base, "revision": 1})
    changed = OfferingChangedV1.example().model_copy(
        update={**base, "revision": 3, "capacity": 60, "status": OfferingStatus.OPEN}
    )
    stale = OfferingChangedV1.example().model_copy(
        update={**base, "revision": 2, "capacity": 5, "status": OfferingStatus.CLOSED}
    )
    marker = OfferingScheduledV1.example().model_copy(update={"offering_id": uuid.uuid4(), "revision": 1})
    topic = enrolment.runtime.settings.topic_prefix + "content.offerings"

    messages = [as_message(e) for e in (scheduled, changed, stale, marker)]
    await produce(kafka_server.bootstrap_servers, topic, messages)  # one key: handled in this order
    await eventually(lambda: kept(enrolment, marker.offering_id), timeout=30, interval=0.2)

    row = await kept(enrolment, offering_id)
    assert (row["revision"], row["status"], row["capacity"], row["reserved"]) == (3, "open", 60, 10)
    assert row["audience"] == '[{"rule": "teachers_below_standard", "level": "primary"}]'


async def test_a_v1_course_becomes_a_standing_offering_learners_can_enrol_on(
    enrolment, kafka_server, learner
):
    course = CoursePublishedV1.example().model_copy(update={"course_id": uuid.uuid4(), "capacity": 1})
    topic = enrolment.runtime.settings.topic_prefix + "content.courses"

    await produce(kafka_server.bootstrap_servers, topic, [as_message(course)])
    row = await eventually(lambda: kept(enrolment, course.course_id), timeout=30, interval=0.2)

    assert (row["revision"], row["status"], row["capacity"], row["audience"]) == (0, "open", 1, "[]")
    body = {"offering_id": str(course.course_id), "learner_id": str(await learner())}
    response = await enrolment.client.post(
        "/v1/enrolments",
        json=body,
        headers=enrolment.token("officer-1", "enrolment-officer", localities=["00004"]),
    )
    assert response.json()["course_id"] == str(course.course_id)
