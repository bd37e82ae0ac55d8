"""200 learners at once on 50 seats, through two service instances on one database, real PostgreSQL and
Kafka: exactly 50 confirmed and 150 waitlisted, in the database and in the events published."""

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
from enrolment.bootstrap import EnrolmentSettings, bootstrap
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration
LEARNERS, SEATS = 200, 50
TYPE = "vn.hanoi.learningcity.enrolment.enrolment."
LEARNER = {
    "full_name": "Phạm Văn Đức",
    "date_of_birth": "1995-02-03",
    "sex": "male",
    "locality_code": "00004",
    "learner_type": "industrial_worker",
}


async def second_instance(first) -> AsyncIterator[httpx.AsyncClient]:
    """Another process of the same service in production terms: own pool, relay and consumers, same DB."""
    service = bootstrap(first.runtime.settings)
    transport = httpx.ASGITransport(app=service.app)
    async with (
        service.app.router.lifespan_context(service.app),
        httpx.AsyncClient(transport=transport, base_url="http://second") as client,
    ):
        await service.runtime.connected(timeout=60)
        yield client


async def test_two_hundred_at_once_on_fifty_seats_across_two_instances(start_service, kafka_server):
    async with start_service(EnrolmentSettings, bootstrap) as first:
        officer = first.token("officer-1", "enrolment-officer", localities=["00004"])
        offering_id = uuid.uuid4()
        await first.db.execute(
            "INSERT INTO offerings (id, course_id, revision, status, capacity) "
            "VALUES ($1, $2, 1, 'open', $3)",
            offering_id,
            uuid.uuid4(),
            SEATS,
        )
        registered = await asyncio.gather(
            *(first.client.post("/v1/learners", json=LEARNER, headers=officer) for _ in range(LEARNERS))
        )
        learners = [r.json()["id"] for r in registered]
        async for second in second_instance(first):
            clients = [first.client, second]
            responses = await asyncio.gather(
                *(
                    clients[i % 2].post(
                        "/v1/enrolments",
                        json={"offering_id": str(offering_id), "learner_id": who},
                        headers=officer,
                    )
                    for i, who in enumerate(learners)
                )
            )
            assert {r.status_code for r in responses} == {201}
            assert Counter(r.json()["status"] for r in responses) == {"confirmed": SEATS, "waitlisted": 150}
            stored = await first.db.fetch(
                "SELECT status, count(*) FROM enrolments WHERE offering_id = $1 GROUP BY status", offering_id
            )
            assert dict(stored) == {"confirmed": SEATS, "waitlisted": 150}
            assert (
                await first.db.fetchval("SELECT confirmed FROM offerings WHERE id = $1", offering_id) == SEATS
            )

            topic = first.runtime.settings.topic_prefix + "enrolment.enrolments"
            records = await read_topic(
                kafka_server.bootstrap_servers, topic, expected=SEATS + 150, timeout=60
            )
            types = Counter(dict(r.headers)["ce_type"].decode().removeprefix(TYPE) for r in records)
            assert types == {"confirmed.v2": SEATS, "waitlisted.v1": 150}  # one event per place
            assert len({r.key for r in records}) == LEARNERS  # one enrolment each, none published twice
