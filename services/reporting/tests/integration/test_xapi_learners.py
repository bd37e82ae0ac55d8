"""xAPI statements about learners reporting does not know yet: kept, and announced once they register."""

import asyncio
import uuid
from datetime import UTC, datetime

import pytest
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.enrolment.learner_updated_v1 import LearnerUpdatedV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from servicekit.http.auth import issue_dev_token

pytestmark = pytest.mark.integration

HOME = "https://learningcity.hanoi.gov.vn"
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
T0 = datetime(2027, 3, 1, tzinfo=UTC)


def city(reporting) -> dict[str, str]:
    token = issue_dev_token(
        reporting.runtime.settings, "city-lms", ["city-system"], scopes=["statements/write"]
    )
    return {"Authorization": f"Bearer {token}", "X-Experience-API-Version": "1.0.3"}


def about(learner: uuid.UUID, progress: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": HOME, "name": str(learner)}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/progressed"},
        "object": {"id": f"{HOME}/offerings/{uuid.uuid4()}"},
        "result": {"extensions": {PROGRESS: progress}},
        "timestamp": "2027-03-01T02:15:00Z",
    }


def dimensions(learner: uuid.UUID) -> dict[str, object]:
    return dict(
        learner_id=learner,
        sex="female",
        age_band="25-54",
        locality_code="00004",
        ethnic_minority=False,
        support_categories=[],
        learner_type="resident",
    )


async def learner_event(reporting, kafka_server, event) -> None:
    name = reporting.runtime.topic_name("enrolment.learners")
    await produce(
        kafka_server.bootstrap_servers, name, [as_message(event)], key=str(event.learner_id).encode()
    )


async def announced(reporting, learner: uuid.UUID) -> int:
    return await reporting.db.fetchval(
        "SELECT count(*) FROM outbox WHERE message_key = $1 AND event_type LIKE '%learning_activity%'",
        str(learner),
    )


async def known(reporting, learner: uuid.UUID, since: datetime) -> bool:
    sql = "SELECT count(*) FROM learner_dimensions WHERE learner_id = $1 AND as_of >= $2"
    return await reporting.db.fetchval(sql, learner, since) > 0


async def test_a_statement_about_an_unknown_learner_is_kept_and_announced_once_when_they_register(
    reporting, kafka_server
):
    newcomer = uuid.uuid4()
    sent = [about(newcomer, 30), about(newcomer, 60)]

    posted = await reporting.client.post("/xAPI/statements", json=sent, headers=city(reporting))
    assert posted.status_code == 200, posted.text
    await asyncio.sleep(0.5)  # the relay polls every 0.2 s: an announcement would be there by now
    assert await announced(reporting, newcomer) == 0
    stored = "SELECT count(*) FROM xapi_statements WHERE id = ANY($1::uuid[])"
    assert await reporting.db.fetchval(stored, [uuid.UUID(s["id"]) for s in sent]) == 2

    await learner_event(
        reporting, kafka_server, LearnerRegisteredV1(**dimensions(newcomer), registered_at=T0)
    )
    assert await eventually(lambda: _equals(announced(reporting, newcomer), 2), timeout=30)

    later = datetime(2027, 4, 1, tzinfo=UTC)
    await learner_event(reporting, kafka_server, LearnerUpdatedV1(**dimensions(newcomer), updated_at=later))
    await eventually(lambda: known(reporting, newcomer, later), timeout=30)
    assert await announced(reporting, newcomer) == 2  # matched once: a later profile announces nothing again
    facts = "SELECT count(*) FROM activity_facts WHERE learner_id = $1"
    assert await eventually(lambda: _equals(reporting.db.fetchval(facts, newcomer), 2), timeout=30)


async def test_a_statement_about_a_known_learner_is_announced_at_once(reporting, kafka_server):
    learner = uuid.uuid4()
    await learner_event(reporting, kafka_server, LearnerRegisteredV1(**dimensions(learner), registered_at=T0))
    await eventually(lambda: known(reporting, learner, T0), timeout=30)

    posted = await reporting.client.post("/xAPI/statements", json=about(learner, 10), headers=city(reporting))

    assert posted.status_code == 200, posted.text
    assert await announced(reporting, learner) == 1  # written with the statement, in its transaction


async def _equals(value, expected: int) -> bool:
    return await value == expected
