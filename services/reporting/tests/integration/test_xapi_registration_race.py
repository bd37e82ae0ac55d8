"""A statement and its learner's registration arriving at the same moment: announced once, whichever wins."""

import asyncio
import random
import uuid
from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaProducer
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from localinfra.polling import eventually
from localinfra.topics import as_message
from reporting.app.project_learners import ProjectBatch, project_batch
from reporting.app.xapi_statements import StoreStatements, store_statements
from reporting.domain.learners import LearnerProfile
from servicekit.http.auth import issue_dev_token
from servicekit.ports import Dependencies

pytestmark = pytest.mark.integration

LEARNERS, STATEMENTS_EACH = 50, 2
SPREAD_SECONDS = 1.5  # a registration takes a consumer poll to land: spread both so either may come first
T0 = datetime(2027, 3, 1, tzinfo=UTC)
# the learner-activity rows in the outbox, by the statement (object id) they announce
ANNOUNCED = (
    "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'activity_id' AS activity, count(*) AS n FROM outbox"
    " WHERE message_key = ANY($1::text[]) AND event_type LIKE '%learning_activity%' GROUP BY 1"
)


def registration(learner: uuid.UUID) -> LearnerRegisteredV1:
    dims = dict(sex="female", age_band="25-54", locality_code="00004", ethnic_minority=False)
    return LearnerRegisteredV1(
        learner_id=learner, support_categories=[], learner_type="resident", registered_at=T0, **dims
    )


def statement(learner: uuid.UUID, run: str, n: int) -> dict:
    home = "https://learningcity.hanoi.gov.vn"
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": home, "name": str(learner)}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": f"https://lms.race.example/{run}/{learner}/{n}"},
        "context": {"contextActivities": {"parent": [{"id": f"{home}/offerings/{uuid.uuid4()}"}]}},
        "timestamp": "2027-03-01T02:15:00Z",
    }


async def _all_known(reporting, learners: list[uuid.UUID]) -> bool:
    sql = "SELECT count(*) FROM learner_dimensions WHERE learner_id = ANY($1::uuid[])"
    return await reporting.db.fetchval(sql, learners) == len(learners)


async def test_statements_racing_their_learners_registration_are_each_announced_exactly_once(
    reporting, kafka_server
):
    run, learners = uuid.uuid4().hex[:8], [uuid.uuid4() for _ in range(LEARNERS)]
    sent = {learner: [statement(learner, run, n) for n in range(STATEMENTS_EACH)] for learner in learners}
    settings = reporting.runtime.settings
    tokens = [
        issue_dev_token(settings, f"lms-{k}", ["city-system"], scopes=["statements/write"]) for k in range(4)
    ]
    producer = AIOKafkaProducer(bootstrap_servers=kafka_server.bootstrap_servers, acks="all", linger_ms=0)
    await producer.start()
    topic = reporting.runtime.topic_name("enrolment.learners")

    pace = random.Random(run)

    async def register(learner: uuid.UUID) -> None:
        await asyncio.sleep(pace.uniform(0, SPREAD_SECONDS))
        value, ce_headers = as_message(registration(learner))
        await producer.send_and_wait(topic, value, key=str(learner).encode(), headers=ce_headers)

    async def post(body: dict) -> int:  # four city systems, so no client meets its rate limit
        await asyncio.sleep(pace.uniform(0, SPREAD_SECONDS))
        headers = {"Authorization": f"Bearer {random.choice(tokens)}", "X-Experience-API-Version": "1.0.3"}
        return (await reporting.client.post("/xAPI/statements", json=body, headers=headers)).status_code

    # every learner's statements and registration in flight together, in a shuffled order
    work = [post(s) for ss in sent.values() for s in ss] + [register(learner) for learner in learners]
    try:
        results = await asyncio.gather(*work)
    finally:
        await producer.stop()

    assert [r for r in results if r is not None] == [200] * (LEARNERS * STATEMENTS_EACH)
    await eventually(lambda: _all_known(reporting, learners), timeout=60)
    # matching happens in the registration's own transaction: once all are known, all are announced
    rows = await reporting.db.fetch(ANNOUNCED, [str(learner) for learner in learners])
    announced = {row["activity"]: row["n"] for row in rows}
    expected = {s["object"]["id"]: 1 for ss in sent.values() for s in ss}
    assert announced == expected  # never lost, never twice
    waiting = "SELECT count(*) FROM xapi_statements WHERE waiting_learner = ANY($1::uuid[])"
    assert await reporting.db.fetchval(waiting, learners) == 0


async def test_statement_and_registration_transactions_racing_on_the_database_announce_each_once(reporting):
    # the same race without Kafka's poll in between, so the two transactions overlap on PostgreSQL itself
    run, learners = uuid.uuid4().hex[:8], [uuid.uuid4() for _ in range(LEARNERS)]
    sent = {learner: [statement(learner, run, n) for n in range(STATEMENTS_EACH)] for learner in learners}
    runtime, deps = reporting.runtime, Dependencies()

    async def store(learner: uuid.UUID) -> None:
        await store_statements(StoreStatements("city-lms", sent[learner]), runtime.uow(), deps)

    async def register(learner: uuid.UUID) -> None:
        profile = LearnerProfile(learner, "female", "25-54", "00004", False, (), "resident", T0)
        await project_batch(ProjectBatch(profiles=[profile]), runtime.uow())

    for learner in learners:  # each learner's pair started together, the pairs one after another
        first, second = (store, register) if learner.int % 2 else (register, store)
        await asyncio.gather(first(learner), second(learner))

    rows = await reporting.db.fetch(ANNOUNCED, [str(learner) for learner in learners])
    announced = {row["activity"]: row["n"] for row in rows}
    assert announced == {s["object"]["id"]: 1 for ss in sent.values() for s in ss}  # never lost, never twice
