"""End to end: an offering event forged by anyone but content is dead-lettered, not applied."""

import uuid

import pytest
from contracts.events.content import OfferingScheduledV1
from enrolment.bootstrap import EnrolmentSettings, bootstrap
from localinfra.polling import eventually
from localinfra.topics import as_message, produce, read_topic

pytestmark = pytest.mark.integration
FORGER = "/vn/hanoi/learningcity/enrolment"  # a real service, just not the producer of offering events


def _offering(offering_id: uuid.UUID, capacity: int) -> OfferingScheduledV1:
    return OfferingScheduledV1.example().model_copy(update={"offering_id": offering_id, "capacity": capacity})


async def test_forged_offering_is_dead_lettered_as_untrusted_and_never_applied(
    start_service, kafka_server, topic_prefix
) -> None:
    offering_id = uuid.uuid4()
    forged, genuine = _offering(offering_id, capacity=100_000), _offering(offering_id, capacity=20)
    async with start_service(EnrolmentSettings, bootstrap, topic_prefix) as enrolment:
        offerings = topic_prefix + "content.offerings"

        async def capacity() -> int | None:
            return await enrolment.db.fetchval("SELECT capacity FROM offerings WHERE id = $1", offering_id)

        await produce(kafka_server.bootstrap_servers, offerings, [as_message(forged, source=FORGER)])
        await produce(kafka_server.bootstrap_servers, offerings, [as_message(genuine)])  # from content

        # One key, one partition: once the genuine offering is kept, the forged one was handled before it.
        assert await eventually(capacity, timeout=20, interval=0.2) == 20
        [dead] = await read_topic(kafka_server.bootstrap_servers, offerings + ".dlq", expected=1)
        headers = {name: value.decode() for name, value in dead.headers}
        assert headers["dlq_code"] == "untrusted-source"
        assert headers["ce_subject"] == str(offering_id)
