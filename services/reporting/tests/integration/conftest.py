"""The reporting service, started once per test module."""

import csv
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest_asyncio
from contracts.events.enrolment import EnrolmentCompletedV1, EnrolmentConfirmedV2
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce
from reporting.bootstrap import ReportingSettings, bootstrap


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service) -> AsyncIterator:
    async with start_service(ReportingSettings, bootstrap) as service:
        yield service


# Dashboard, GNLC export and drill-down: a small city seeded through Kafka, with an illustrative population.
PLAN = (  # (sex, age band, locality, completed): 00025 has two learners only, so its cells are suppressed
    [("female", "25-54", "00004", i < 6) for i in range(9)]
    + [("male", "15-24", "00004", False) for _ in range(3)]
    + [("male", "25-54", "00008", i < 2) for i in range(7)]
    + [("female", "55-64", "00025", False), ("undisclosed", "55-64", "00025", False)]
)
ILLUSTRATIVE_POPULATION = [
    *[("city", "female", band, n) for band, n in (("15-24", 400), ("25-54", 900), ("55-64", 300))],
    *[("city", "male", band, n) for band, n in (("15-24", 420), ("25-54", 850), ("55-64", 280))],
    *[("city", "all", band, n) for band, n in (("15-24", 830), ("25-54", 1760), ("55-64", 590))],
    *[("00004", "all", band, 100) for band in ("15-24", "25-54", "55-64")],
]


def period_end() -> date:
    """The period the pages show by default: the 12 months before the first day of this month."""
    return datetime.now(UTC).date().replace(day=1)


def illustrative_population_file(directory: Path) -> Path:
    path = directory / "population.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["area", "sex", "age_band", "population", "reference_date", "source"])
        for row in ILLUSTRATIVE_POPULATION:
            writer.writerow([*row, "2026-01-01", "Illustrative population for tests, not official"])
    return path


async def seed_city(service, kafka_server) -> list[uuid.UUID]:
    """Learners and their enrolments (some completed) in the period, through Kafka, until projected."""
    at = datetime.combine(period_end(), datetime.min.time(), tzinfo=UTC) - timedelta(days=60)
    people, lifecycle, ids = [], [], []
    for i, (sex, band, locality, completes) in enumerate(PLAN):
        dims = {"sex": sex, "age_band": band, "locality_code": locality, "ethnic_minority": i % 4 == 0}
        dims |= {"support_categories": ["woman"] if sex == "female" else [], "learner_type": "resident"}
        learner, enrolment = uuid.uuid4(), uuid.uuid4()
        ids.append(enrolment)
        people.append(as_message(LearnerRegisteredV1(learner_id=learner, registered_at=at, **dims)))
        f = {"enrolment_id": enrolment, "offering_id": uuid.UUID(int=1), "course_id": uuid.UUID(int=2)}
        f |= {"learner_id": learner, **dims}
        lifecycle.append(EnrolmentConfirmedV2(**f, confirmed_at=at + timedelta(hours=i)))
        if completes:
            done = at + timedelta(days=20)
            completed = EnrolmentCompletedV1(**f, outcome="passed", certificate_id=None, completed_at=done)
            lifecycle.append(completed)
    bootstrap = kafka_server.bootstrap_servers
    await produce(bootstrap, service.runtime.topic_name("enrolment.learners"), people)
    enrolments = service.runtime.topic_name("enrolment.enrolments")
    for event in lifecycle:
        await produce(bootstrap, enrolments, [as_message(event)], key=str(event.enrolment_id).encode())
    await eventually(lambda: _projected(service, ids))
    return ids


async def _projected(service, ids: list[uuid.UUID]) -> bool:
    seated = await service.db.fetchval(
        "SELECT count(*) FROM enrolment_records WHERE enrolment_id = ANY($1) AND seated_at IS NOT NULL", ids
    )
    done = await service.db.fetchval("SELECT count(*) FROM enrolment_records WHERE status = 'completed'")
    joined = await service.db.fetchval(
        "SELECT count(*) FROM enrolment_facts JOIN learner_dimensions USING (learner_id)"
        " WHERE enrolment_id = ANY($1)",
        ids,
    )
    return (seated, done, joined) == (len(ids), 8, len(ids))
