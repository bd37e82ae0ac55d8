"""Drill-down to the CloudEvents behind a figure: the ids of the events the counted facts came from, kept by
a rebuild of the projections (admins only, as every drill-down)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.envelope import Envelope
from contracts.event import EventModel
from contracts.events.enrolment import EnrolmentCompletedV1, EnrolmentConfirmedV2
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from reporting.bootstrap import ReportingSettings, bootstrap
from reporting.replay import rebuild

pytestmark = pytest.mark.integration

AT = datetime(2026, 4, 6, 8, 0, tzinfo=UTC)
UNTIL = "2026-07-01"


def facts(learner: uuid.UUID) -> dict:
    return {
        "enrolment_id": uuid.uuid4(),
        "offering_id": uuid.uuid4(),
        "course_id": uuid.uuid4(),
        "learner_id": learner,
        "sex": "female",
        "age_band": "25-54",
        "locality_code": "00004",
        "ethnic_minority": False,
        "support_categories": [],
        "learner_type": "resident",
    }


def event_id(message: tuple[bytes, list[tuple[str, bytes]]]) -> str:
    return Envelope.from_headers(message[1]).id


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    async with start_service(ReportingSettings, bootstrap) as service:
        learners = [uuid.uuid4() for _ in range(6)]
        confirmed = [EnrolmentConfirmedV2(**facts(p), confirmed_at=AT) for p in learners]
        done = EnrolmentCompletedV1(
            **confirmed[0].model_dump(exclude={"confirmed_at"}),
            outcome="passed",
            certificate_id=None,
            completed_at=AT + timedelta(days=9),
        )
        dimensions = set(LearnerRegisteredV1.model_fields) - {"registered_at"}
        people: list[EventModel] = [
            LearnerRegisteredV1(**c.model_dump(include=dimensions), registered_at=AT) for c in confirmed
        ]
        messages = [as_message(e) for e in (*confirmed, done)]
        bootstrap_servers = kafka_server.bootstrap_servers
        name = service.runtime.topic_name("enrolment.learners")
        await produce_together(bootstrap_servers, name, [as_message(p) for p in people])
        name = service.runtime.topic_name("enrolment.enrolments")
        await produce_together(bootstrap_servers, name, messages)
        service.confirmations = {event_id(m) for m in messages[:-1]}
        service.completion = event_id(messages[-1])
        await eventually(lambda: _projected(service))
        yield service


async def _projected(service) -> bool:
    sql = "SELECT count(*) FROM enrolment_records WHERE status = 'completed'"
    facts_sql = "SELECT count(*) FROM enrolment_facts JOIN learner_dimensions USING (learner_id)"
    return bool(await service.db.fetchval(sql) == 1 and await service.db.fetchval(facts_sql) == 6)


async def drill(service, indicator: str, role: str = "admin") -> dict:
    params = {"indicator": indicator, "by": "locality", "group": "00004", "until": UNTIL}
    response = await service.client.get("/v1/drill-down", params=params, headers=service.token("a", role))
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_participation_figure_names_the_confirmations_it_counts(reporting):
    body = await drill(reporting, "sdg-4.3.1")

    assert body["published"]["participants"] == 6
    assert set(body["event_ids"]) == reporting.confirmations


async def test_an_enrolment_figure_names_every_lifecycle_event_of_its_enrolments(reporting):
    body = await drill(reporting, "enrolments")

    assert body["published"]["enrolments"] == 6 and body["counts"]["completions"] == 1
    assert set(body["event_ids"]) == reporting.confirmations | {reporting.completion}


async def test_a_rebuild_of_the_projections_keeps_the_event_ids(reporting):
    await rebuild(reporting.runtime.settings)

    assert set((await drill(reporting, "sdg-4.3.1"))["event_ids"]) == reporting.confirmations
    assert reporting.completion in (await drill(reporting, "enrolments"))["event_ids"]
