"""The subtraction attack on campaign reach: the 12 months to July and to August overlap, so a segment that
moved by a few between the two snapshots would count the learners messaged in one month."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.notifications.message_sent_v1 import MessageSentV1
from reporting.bootstrap import ReportingSettings, bootstrap

from .seeding import differences, seed

pytestmark = pytest.mark.integration

APRIL = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)
JULY = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)


async def message(service, kafka_server, locality: str, n: int, at: datetime) -> None:
    """`n` learners of a locality, each sent one campaign SMS at `at`, through Kafka until projected."""
    learners = [uuid.uuid4() for _ in range(n)]
    people = [
        LearnerRegisteredV1(
            learner_id=p,
            sex="female",
            age_band="25-54",
            locality_code=locality,
            ethnic_minority=False,
            support_categories=[],
            learner_type="resident",
            registered_at=APRIL - timedelta(days=30),
        )
        for p in learners
    ]
    sent = [
        MessageSentV1(
            message_id=uuid.uuid4(),
            delivery_id=uuid.uuid4(),
            learner_id=p,
            kind="campaign",
            channel="sms",
            attempts=1,
            at=at,
        )
        for p in learners
    ]
    count = (
        "SELECT count(*) FROM message_facts JOIN learner_dimensions USING (learner_id)"
        " WHERE learner_id = ANY($1)"
    )
    await seed(
        service, kafka_server, {"enrolment.learners": people, "notifications.messages": sent}, count, learners
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    async with start_service(ReportingSettings, bootstrap) as service:
        await message(service, kafka_server, "00004", 12, APRIL)
        await message(service, kafka_server, "00008", 7, APRIL)
        yield service


async def published(service, until: date) -> dict[tuple[str, str], int | None]:
    response = await service.client.get(
        "/v1/indicators/campaign-reach",
        params={"by": "locality", "until": until.isoformat()},
        headers=service.token("u", "leader"),
    )
    assert response.status_code == 200, response.text
    measures = ("recipients", "sent", "failed", "converted")
    return {(c["group"], m): c[m] for c in response.json()["cells"] for m in measures}


async def test_consecutive_reach_snapshots_do_not_reveal_a_few_recipients(reporting, kafka_server):
    july = await published(reporting, date(2026, 7, 1))
    await message(reporting, kafka_server, "00004", 2, JULY)

    august = await published(reporting, date(2026, 8, 1))

    assert july[("00004", "recipients")] == 12  # the attack's first half
    moved = differences(july, august)
    assert moved[("00008", "recipients")] == 0  # what did not move stays published
    assert all(d == 0 or abs(d) >= 5 for d in moved.values()), moved
