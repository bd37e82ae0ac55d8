"""End to end: a course.published event forged by anyone but content is dead-lettered, not applied."""

import uuid

import pytest
from contracts.events import CoursePublishedV1
from enrolment.bootstrap import EnrolmentSettings, bootstrap
from localinfra.polling import eventually
from localinfra.topics import as_message, produce, read_topic

pytestmark = pytest.mark.integration
FORGER = "/vn/hanoi/learningcity/enrolment"  # a real service, just not the producer of course events


def _course(capacity: int) -> CoursePublishedV1:
    return CoursePublishedV1.example().model_copy(update={"course_id": uuid.uuid4(), "capacity": capacity})


async def test_forged_course_is_dead_lettered_as_untrusted_and_never_opened(
    start_service, kafka_server, topic_prefix
) -> None:
    forged, genuine = _course(capacity=100_000), _course(capacity=20)
    async with start_service(EnrolmentSettings, bootstrap, topic_prefix) as enrolment:
        courses = topic_prefix + "content.courses"

        async def opened(course_id: uuid.UUID) -> bool:
            row = await enrolment.db.fetchval("SELECT 1 FROM offerings WHERE id = $1", course_id)
            return row is not None

        await produce(kafka_server.bootstrap_servers, courses, [as_message(forged, source=FORGER)])
        await produce(kafka_server.bootstrap_servers, courses, [as_message(genuine)])  # from content

        # One key, one partition: once the genuine course is open, the forged one was handled before it.
        await eventually(lambda: opened(genuine.course_id), timeout=20, interval=0.2)
        assert not await opened(forged.course_id)
        [dead] = await read_topic(kafka_server.bootstrap_servers, courses + ".dlq", expected=1)
        headers = {name: value.decode() for name, value in dead.headers}
        assert headers["dlq_code"] == "untrusted-source"
        assert headers["ce_subject"] == str(forged.course_id)
