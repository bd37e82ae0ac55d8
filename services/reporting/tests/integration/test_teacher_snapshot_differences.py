"""The subtraction attack on the teacher indicator: its counts are cumulative (since the roadmap began),
so every two snapshots overlap, and January's minus December's would count the teachers of one month."""

import uuid
from datetime import date

import pytest
import pytest_asyncio
from contracts.events.enrolment.teacher_standard_attained_v1 import TeacherStandardAttainedV1
from reporting.bootstrap import ReportingSettings, bootstrap

from .seeding import differences, seed

pytestmark = pytest.mark.integration


def attained(level: str, on: date, n: int) -> list[TeacherStandardAttainedV1]:
    return [TeacherStandardAttainedV1(learner_id=uuid.uuid4(), level=level, attained_on=on) for _ in range(n)]


async def send(service, kafka_server, events: list[TeacherStandardAttainedV1]) -> None:
    count = "SELECT count(*) FROM teacher_attainments WHERE learner_id = ANY($1)"
    await seed(service, kafka_server, {"enrolment.learners": events}, count, [e.learner_id for e in events])


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    async with start_service(ReportingSettings, bootstrap) as service:
        first = attained("preschool", date(2025, 11, 3), 12) + attained("primary", date(2025, 11, 3), 7)
        await send(service, kafka_server, first)
        yield service


async def published(service, until: str) -> dict[tuple[str, str], int | None]:
    response = await service.client.get(
        "/v1/indicators/teacher-standard", params={"until": until}, headers=service.token("u", "leader")
    )
    assert response.status_code == 200, response.text
    measures = ("in_programme", "attained", "in_training_or_done")
    return {(c["level"], m): c[m] for c in response.json()["cells"] for m in measures}


async def test_consecutive_teacher_snapshots_do_not_reveal_a_few_teachers(reporting, kafka_server):
    december = await published(reporting, "2026-01-01")
    await send(reporting, kafka_server, attained("preschool", date(2026, 1, 12), 2))

    january = await published(reporting, "2026-02-01")

    assert december[("preschool", "attained")] == 12  # the attack's first half
    moved = differences(december, january)
    assert moved[("primary", "attained")] == 0  # what did not move stays published
    assert all(d == 0 or abs(d) >= 5 for d in moved.values()), moved
