"""The subtraction attack across two dated snapshots of overlapping periods: the 12 months to July and to
August share eleven months, so a cell that moved by 1-4 between them would count the learners (or the
enrolments) of one month. Participation and enrolments, through Kafka.
"""

from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.events.enrolment import EnrolmentConfirmedV2
from reporting.bootstrap import ReportingSettings, bootstrap

from .dimension_events import ENROLLED, confirmed, registered
from .seeding import differences, seed

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
JULY = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)
FIRST = [("female", "00004")] * 12 + [("male", "00008")] * 7
LATER = [("female", "00004")] * 2
"""Two women enrol in July: the 12 months to August count them, those to July do not."""


async def send(service, kafka_server, events: list[EnrolmentConfirmedV2]) -> None:
    """The enrolments and their learners through Kafka, until all are projected."""
    learners = [registered(e, T0 - timedelta(days=30)) for e in events]
    topics = {"enrolment.learners": learners, "enrolment.enrolments": events}
    await seed(service, kafka_server, topics, ENROLLED, [e.enrolment_id for e in events])


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    async with start_service(ReportingSettings, bootstrap) as service:
        first = [confirmed(s, place, T0 + timedelta(hours=i)) for i, (s, place) in enumerate(FIRST)]
        await send(service, kafka_server, first)
        yield service


async def published(service, until: str) -> dict[tuple[str, ...], int | None]:
    """Every count of the two indicators' snapshots (participation by sex, locality and age group;
    enrolments by sex and locality), keyed by its cell."""
    cells: dict[tuple[str, ...], int | None] = {}
    for by in ("sex", "locality", "age_group"):
        for c in await cells_of(service, "participation", by, until):
            cells[(c["age_group"], c["sex"], c["locality_code"])] = c["participants"]
    for by in ("sex", "locality"):
        for c in await cells_of(service, "enrolments", by, until):
            for measure in ("enrolments", "completions", "online_enrolments"):
                cells[("enrolments", by, c["group"], measure)] = c[measure]
    return cells


async def cells_of(service, indicator: str, by: str, until: str) -> list[dict]:
    response = await service.client.get(
        f"/v1/indicators/{indicator}",
        params={"until": until, "by": by},
        headers=service.token("u", "leader"),
    )
    assert response.status_code == 200, response.text
    return list(response.json()["cells"])


async def test_consecutive_snapshots_do_not_reveal_a_few_learners_by_difference(reporting, kafka_server):
    july = await published(reporting, "2026-07-01")
    later = [confirmed(s, place, JULY + timedelta(hours=i)) for i, (s, place) in enumerate(LATER)]
    await send(reporting, kafka_server, later)

    august = await published(reporting, "2026-08-01")

    assert july[("15-24", "female", "all")] == 12  # the attack's first half: published before July
    assert july[("enrolments", "sex", "female", "enrolments")] == 12
    moved = differences(july, august)
    assert moved[("15-24", "male", "all")] == 0  # what did not move stays published
    assert moved[("enrolments", "sex", "male", "enrolments")] == 0
    # the attack: August - July of any published cell would count the two women of July
    assert all(d == 0 or abs(d) >= 5 for d in moved.values()), moved
