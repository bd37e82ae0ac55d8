"""Replay of everything else: city activity, attendance and xAPI facts, and every indicator's figures."""

import uuid
from datetime import UTC, datetime

import pytest
from contracts.events.city import AttendanceRecordedV1, LearningActivityRecordedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from reporting.app.participation import ParticipationQuery, participation
from reporting.domain.indicator_catalogue import ENROLMENTS, PARTICIPATION
from reporting.domain.xapi import PLATFORM_HOME_PAGE
from reporting.replay import rebuild
from servicekit.http.auth import issue_dev_token

from .conftest import period_end, seed_city

pytestmark = pytest.mark.integration


def xapi_statement(learner: uuid.UUID, offering: uuid.UUID) -> dict:
    """A platform learner's statement on an offering: reporting announces it on city.learning-activity."""
    return {
        "actor": {"account": {"homePage": PLATFORM_HOME_PAGE, "name": str(learner)}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/progressed"},
        "object": {"id": f"{PLATFORM_HOME_PAGE}/offerings/{offering}"},
        "timestamp": "2026-05-01T02:15:00Z",
    }


async def activity(reporting) -> list[tuple]:
    rows = await reporting.db.fetch("SELECT * FROM activity_facts ORDER BY 1, 2, 3, 4")
    return [tuple(r) for r in rows]


async def test_a_rebuild_replays_city_activity_attendance_and_xapi_facts_into_a_fresh_table(
    reporting, kafka_server
):
    learner, bootstrap = uuid.uuid4(), kafka_server.bootstrap_servers
    learning = LearningActivityRecordedV1.example().model_copy(update={"learner_id": learner})
    present = AttendanceRecordedV1.example().model_copy(update={"learner_id": learner})
    for topic, event in (("city.learning-activity", learning), ("city.attendance", present)):
        message = as_message(event, source="/vn/hanoi/city/city-lms")  # a city system writes them
        await produce(bootstrap, reporting.runtime.topic_name(topic), [message], key=str(learner).encode())
    registered = LearnerRegisteredV1.example().model_copy(update={"learner_id": learner})
    topic = reporting.runtime.topic_name("enrolment.learners")  # a statement about an unknown learner waits
    await produce(bootstrap, topic, [as_message(registered)], key=str(learner).encode())
    known = "SELECT count(*) FROM learner_dimensions WHERE learner_id = $1"
    await eventually(lambda: _equals(reporting.db.fetchval(known, learner), 1))
    sent = await reporting.client.post(
        "/xAPI/statements",
        json=xapi_statement(learner, uuid.uuid4()),
        headers={**city_system(reporting), "X-Experience-API-Version": "1.0.3"},
    )
    assert sent.status_code == 200, sent.text
    kinds = "SELECT count(DISTINCT (kind, ref)) FROM activity_facts WHERE learner_id = $1"
    await eventually(lambda: _equals(reporting.db.fetchval(kinds, learner), 3))  # xAPI's through Kafka too
    before = await activity(reporting)
    table = "SELECT 'activity_facts'::regclass::oid"
    old_table = await reporting.db.fetchval(table)
    await reporting.db.execute(  # a projection gone wrong: a fact no event reported
        "INSERT INTO activity_facts VALUES ($1, 'learning', 'nothing', now())", uuid.uuid4()
    )

    await rebuild(reporting.runtime.settings)

    assert await reporting.db.fetchval(table) != old_table
    assert await activity(reporting) == before


async def _equals(value, expected) -> bool:
    return await value == expected


async def every_indicator(reporting) -> dict:
    """Every breakdown of both catalogued indicators, computed now from the projections."""
    until = period_end()
    since = datetime.combine(until.replace(year=until.year - 1), datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(until, datetime.min.time(), tzinfo=UTC)
    figures: dict = {}
    for by in ENROLMENTS.breakdowns:
        async with reporting.runtime.uow() as uow:
            figures[("enrolments", by)] = await uow.enrolment_records.counts(by, since, end)
    for by in PARTICIPATION.breakdowns:
        result = await participation(ParticipationQuery(by, until), reporting.runtime.uow(), {})
        figures[("participation", by)] = result.table
    return figures


async def test_a_rebuild_gives_identical_figures_for_every_indicator_and_breakdown(reporting, kafka_server):
    await seed_city(reporting, kafka_server)
    before = await every_indicator(reporting)
    await reporting.db.execute("DELETE FROM enrolment_records WHERE status = 'completed'")  # gone wrong
    assert await every_indicator(reporting) != before

    await rebuild(reporting.runtime.settings)

    assert await every_indicator(reporting) == before


def city_system(reporting) -> dict[str, str]:
    """A city system's token with the scope to write statements."""
    settings = reporting.runtime.settings
    token = issue_dev_token(settings, "city-lms", ["city-system"], scopes=["statements/write"])
    return {"Authorization": f"Bearer {token}"}
