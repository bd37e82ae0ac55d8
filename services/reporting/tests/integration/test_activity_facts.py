"""City systems' reported activity over real Kafka: reporting counts it by kind, each fact once."""

import uuid

import pytest
from contracts.events.city import AttendanceRecordedV1, ExternalCourseCompletedV1, LearningActivityRecordedV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce

pytestmark = pytest.mark.integration

CITY_LMS = "/vn/hanoi/city/city-lms"


async def counts(reporting) -> dict[str, int]:
    rows = await reporting.db.fetch("SELECT kind, count(*) AS n FROM activity_facts GROUP BY kind")
    return {r["kind"]: r["n"] for r in rows}


async def test_reported_activity_attendance_and_external_completions_are_counted_once_each(
    reporting, kafka_server
):
    learner = uuid.uuid4()
    activity = LearningActivityRecordedV1.example().model_copy(update={"learner_id": learner})
    present = AttendanceRecordedV1.example().model_copy(update={"learner_id": learner})
    absent = present.model_copy(update={"attended": False, "session_on": present.session_on.replace(day=2)})
    completed = ExternalCourseCompletedV1.example().model_copy(update={"learner_id": learner})
    prefix, bootstrap, key = (
        reporting.runtime.settings.topic_prefix,
        kafka_server.bootstrap_servers,
        str(learner),
    )
    activity_messages = [as_message(e, source=CITY_LMS) for e in (activity, activity, completed)]

    await produce(bootstrap, prefix + "city.learning-activity", activity_messages, key=key.encode())
    await produce(
        bootstrap, prefix + "city.attendance", [as_message(e, source=CITY_LMS) for e in (present, absent)]
    )

    expected = {"learning": 1, "attendance": 1, "external-completion": 1}  # a repeat and an absence: nothing
    assert await eventually(lambda: _counted(reporting, expected), timeout=30, interval=0.2)


async def _counted(reporting, expected) -> bool:
    return await counts(reporting) == expected
