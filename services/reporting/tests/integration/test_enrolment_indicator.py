"""Enrolment lifecycle events projected from Kafka into facts, and the enrolment indicator over HTTP."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.events.enrolment import (
    EnrolmentCompletedV1,
    EnrolmentConfirmedV2,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    ProgressRecordedV1,
    SupportGrantedV1,
)
from localinfra.polling import eventually
from localinfra.topics import as_message, produce

pytestmark = pytest.mark.integration

T0 = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
UNTIL = "2026-11-01"


def facts(enrolment: uuid.UUID, sex: str = "female", locality: str = "00004", **changes) -> dict:
    categories = ["woman"] if sex == "female" else []
    return {
        "enrolment_id": enrolment,
        "offering_id": uuid.UUID(int=1),
        "course_id": uuid.UUID(int=2),
        "learner_id": uuid.uuid4(),
        "sex": sex,
        "age_band": "25-54",
        "locality_code": locality,
        "ethnic_minority": False,
        "support_categories": categories,
        "learner_type": "resident",
        **changes,
    }


async def send(reporting, kafka_server, events) -> None:
    name = reporting.runtime.topic_name("enrolment.enrolments")
    for event in events:
        await produce(
            kafka_server.bootstrap_servers, name, [as_message(event)], key=str(event.enrolment_id).encode()
        )


async def record(reporting, enrolment: uuid.UUID):
    return await reporting.db.fetchrow("SELECT * FROM enrolment_records WHERE enrolment_id = $1", enrolment)


async def test_a_lifecycle_out_of_order_and_repeated_is_one_completed_enrolment(reporting, kafka_server):
    enrolment = uuid.uuid4()
    f = facts(enrolment)
    events = [
        EnrolmentCompletedV1(**f, outcome="passed", certificate_id=None, completed_at=T0 + timedelta(days=9)),
        EnrolmentWaitlistedV1(**f, waitlisted_at=T0),
        ProgressRecordedV1(**f, percent=60, recorded_at=T0 + timedelta(days=5)),
        EnrolmentPromotedV1(**f, promoted_at=T0 + timedelta(days=1)),
        EnrolmentPromotedV1(**f, promoted_at=T0 + timedelta(days=1)),
    ]

    await send(reporting, kafka_server, events)

    stored = await eventually(lambda: _seated_completed(reporting, enrolment))
    assert (stored["outcome"], stored["progress"], stored["seated_at"]) == (
        "passed",
        60,
        T0 + timedelta(days=1),
    )
    facts_rows = "SELECT count(*) FROM enrolment_facts WHERE enrolment_id = $1"
    assert await reporting.db.fetchval(facts_rows, enrolment) == 1  # v1 and the v2 family: one confirmation


async def _seated_completed(reporting, enrolment):
    row = await record(reporting, enrolment)
    done = row and row["status"] == "completed" and row["seated_at"] == T0 + timedelta(days=1)
    return (
        row
        if done
        and await reporting.db.fetchval(
            "SELECT count(*) FROM enrolment_facts WHERE enrolment_id = $1", enrolment
        )
        else None
    )


async def test_a_waitlisted_learner_who_withdrew_never_counts_as_enrolled(reporting, kafka_server):
    enrolment = uuid.uuid4()
    f = facts(enrolment)

    await send(
        reporting,
        kafka_server,
        [
            EnrolmentWaitlistedV1(**f, waitlisted_at=T0),
            EnrolmentWithdrawnV1(**f, withdrawn_at=T0 + timedelta(days=1)),
        ],
    )

    stored = await eventually(lambda: _status(reporting, enrolment, "withdrawn"))
    assert stored["seated_at"] is None


async def _status(reporting, enrolment, status):
    row = await record(reporting, enrolment)
    return row if row and row["status"] == status else None


async def seed_indicator(reporting, kafka_server) -> None:
    """12 women in 00004 (6 completed, 5 granted a fee waiver), 7 men in 00008 (2 completed), 2 others."""
    events, ids = [], []
    plan = [("female", "00004", i < 6) for i in range(12)] + [("male", "00008", i < 2) for i in range(7)]
    plan += [("other", "00025", False), ("undisclosed", "00025", False)]
    for i, (sex, locality, completes) in enumerate(plan):
        enrolment = uuid.uuid4()
        ids.append(enrolment)
        f = facts(enrolment, sex, locality)
        at = T0 + timedelta(hours=i)
        events.append(EnrolmentConfirmedV2(**f, confirmed_at=at))
        if completes:
            events.append(
                EnrolmentCompletedV1(
                    **f, outcome="passed", certificate_id=None, completed_at=at + timedelta(days=30)
                )
            )
        if sex == "female" and i < 5:
            events.append(
                SupportGrantedV1(
                    **f,
                    support_category="woman",
                    benefit="fee_waiver",
                    legal_basis="Decree 238/2025/ND-CP",
                    granted_on=date(2026, 6, 1),
                )
            )
    async with reporting.db.acquire() as conn, conn.transaction():  # only this test's facts
        await conn.execute("DELETE FROM enrolment_records")
        await conn.execute("DELETE FROM support_grant_facts")
    await send(reporting, kafka_server, events)
    await eventually(lambda: _all_projected(reporting, ids))


async def _all_projected(reporting, ids) -> bool:
    seated = await reporting.db.fetchval(
        "SELECT count(*) FROM enrolment_records WHERE enrolment_id = ANY($1) AND seated_at IS NOT NULL", ids
    )
    done = await reporting.db.fetchval("SELECT count(*) FROM enrolment_records WHERE status = 'completed'")
    grants = await reporting.db.fetchval("SELECT count(*) FROM support_grant_facts")
    return (seated, done, grants) == (len(ids), 8, 5)


async def indicator(reporting, by: str, headers=None):
    return await reporting.client.get(
        "/v1/indicators/enrolments",
        params={"by": by, "until": UNTIL},
        headers=headers or reporting.token("u-1", "leader"),
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def seeded(reporting, kafka_server) -> None:
    await seed_indicator(reporting, kafka_server)


async def test_enrolments_and_completion_by_sex_with_small_cells_suppressed(reporting, seeded):

    by_sex = (await indicator(reporting, "sex")).json()
    by_category = (await indicator(reporting, "support_category")).json()

    cells = {c["group"]: (c["enrolments"], c["completions"], c["completion_rate"]) for c in by_sex["cells"]}
    assert cells["female"] == (12, 6, 50.0)
    assert cells["male"] == (7, None, None)  # 2 completions: suppressed
    assert cells["other"] == (None, None, None)  # not even "none of them completed"
    # 21 - 12 - 7 would give the 2 others away, 8 - 6 the 2 men who completed: the totals are withheld
    assert cells["all"] == (None, None, None)
    women = {c["group"]: c for c in by_category["cells"]}["woman"]
    assert (women["enrolments"], women["benefits_granted"]) == (12, 5)


async def test_the_enrolment_indicator_by_locality_for_a_district_officer(reporting, seeded, problem):
    officer = reporting.token("d-1", "district-officer", localities=["00004"])

    mine = (await indicator(reporting, "locality", officer)).json()

    assert [(c["group"], c["enrolments"]) for c in mine["cells"]] == [("00004", 12)]
    problem(await indicator(reporting, "sex", officer), 403)
