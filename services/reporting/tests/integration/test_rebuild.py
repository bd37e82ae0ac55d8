"""Replay: the projections are rebuilt from offset 0 into fresh tables and swapped in while serving."""

import asyncio
import json
import os
import sys
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from contracts.events.enrolment import EnrolmentConfirmedV2
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from contracts.events.enrolment.learner_erased_v1 import LearnerErasedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from reporting.app.participation import ParticipationQuery, participation
from reporting.replay import rebuild

pytestmark = pytest.mark.integration

UNTIL = datetime(2026, 7, 1, tzinfo=UTC)


def registered(learner: uuid.UUID, i: int) -> LearnerRegisteredV1:
    return LearnerRegisteredV1(
        learner_id=learner,
        sex=("female", "male", "undisclosed")[i % 3],
        age_band=("15-24", "25-54", "55-64", "65+")[i % 4],
        locality_code=("00004", "00008")[i % 2],
        ethnic_minority=i % 5 == 0,
        support_categories=[],
        learner_type="resident",
        registered_at=UNTIL - timedelta(days=100),
    )


async def publish(reporting, kafka_server, n: int) -> list[uuid.UUID]:
    learners = [uuid.uuid4() for _ in range(n)]
    bootstrap = kafka_server.bootstrap_servers
    people = [as_message(registered(learner, i)) for i, learner in enumerate(learners)]
    people.append(as_message(LearnerErasedV1(learner_id=learners[0], erased_at=UNTIL - timedelta(days=5))))
    enrolments = [
        as_message(
            EnrolmentConfirmedV2(
                **{
                    **EXAMPLE_FACTS,
                    "enrolment_id": uuid.uuid4(),
                    "course_id": uuid.uuid4(),
                    "learner_id": learner,
                },
                confirmed_at=UNTIL - timedelta(days=10 + i),
            )
        )
        for i, learner in enumerate(learners)
    ]
    await produce(bootstrap, reporting.runtime.topic_name("enrolment.learners"), people)
    await produce(bootstrap, reporting.runtime.topic_name("enrolment.enrolments"), enrolments)
    return learners


async def indicator(reporting) -> list:
    """Computed from the projections now (the published snapshots never change, by design)."""
    query = ParticipationQuery("sex", UNTIL.date())
    result = await participation(query, reporting.runtime.uow(), {})
    return [*result.table.cells, result.table.gender_parity]


async def projected(reporting, learners: list[uuid.UUID]) -> bool:
    facts = await reporting.db.fetchval(
        "SELECT count(*) FROM enrolment_facts f JOIN learner_dimensions d USING (learner_id)"
        " WHERE f.learner_id = ANY($1::uuid[])",
        learners,
    )
    erased = await reporting.db.fetchval(
        "SELECT erased FROM learner_dimensions WHERE learner_id = $1", learners[0]
    )
    return facts == len(learners) and bool(erased)


async def test_a_rebuild_from_the_topics_gives_identical_indicators_and_the_live_consumer_goes_on(
    reporting, kafka_server
):
    learners = await publish(reporting, kafka_server, 60)
    await eventually(lambda: projected(reporting, learners))
    before = await indicator(reporting)
    table = "SELECT 'learner_dimensions'::regclass::oid"
    old_table = await reporting.db.fetchval(table)
    await reporting.db.execute("DELETE FROM learner_dimensions")  # a projection gone wrong
    assert await indicator(reporting) != before

    applied = await rebuild(reporting.runtime.settings)

    assert applied >= 2 * len(learners) + 1
    assert await reporting.db.fetchval(table) != old_table  # fresh tables were swapped in
    assert await indicator(reporting) == before
    assert (
        await reporting.db.fetchrow(
            "SELECT erased FROM learner_dimensions WHERE learner_id = $1", learners[0]
        )
    )["erased"]
    later = await publish(reporting, kafka_server, 3)  # the live consumer writes to the new tables
    await eventually(lambda: projected(reporting, later))


async def test_the_rebuild_command_runs_with_the_services_settings(reporting, kafka_server):
    learners = await publish(reporting, kafka_server, 5)
    await eventually(lambda: projected(reporting, learners))
    settings = reporting.runtime.settings
    env = {
        **os.environ,
        "REPORTING_DATABASE_URL": settings.database_url.get_secret_value(),
        "REPORTING_MIGRATION_DATABASE_URL": settings.migration_database_url.get_secret_value(),
        "REPORTING_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "REPORTING_TOPIC_PREFIX": settings.topic_prefix,
    }

    command = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "reporting", "rebuild", env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await asyncio.wait_for(command.communicate(), timeout=60)

    assert command.returncode == 0
    report = json.loads(out.decode().strip().splitlines()[-1])
    assert report["rebuilt"] == [
        "learner_dimensions",
        "enrolment_facts",
        "enrolment_records",
        "support_grant_facts",
        "activity_facts",
        "offering_dimensions",
        "teacher_attainments",
        "message_facts",
    ]
    assert report["events"] >= 2 * len(learners) + 1
    assert await projected(reporting, learners)
