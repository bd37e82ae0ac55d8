"""Teacher standardisation from offerings (content), enrolments and attainments (enrolment) through Kafka,
checked against an independent SQL computation on the same projected data."""

import csv
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.events.content.offering_changed_v1 import OfferingChangedV1
from contracts.events.content.offering_scheduled_v1 import OfferingScheduledV1
from contracts.events.enrolment import EnrolmentConfirmedV2, EnrolmentWithdrawnV1
from contracts.events.enrolment.teacher_standard_attained_v1 import TeacherStandardAttainedV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from reporting.bootstrap import ReportingSettings, bootstrap

pytestmark = pytest.mark.integration

T0 = datetime(2025, 9, 1, 2, 0, tzinfo=UTC)
UNTIL = "2026-01-01"  # last day 31 Dec 2025: the end of the roadmap's phase 1
BASELINE = {"preschool": 40, "primary": 60, "lower_secondary": 30, "upper_secondary": 10}
PLAN = {  # level: (teachers seated, of whom attained, withdrawn ones, attained without a programme)
    "preschool": (14, 4, 2, 3),
    "primary": (9, 0, 1, 0),
    "lower_secondary": (3, 0, 0, 0),
}
INDEPENDENT_SQL = """
WITH done AS (
    SELECT level, learner_id FROM teacher_attainments WHERE attained_on BETWEEN '2020-07-01' AND $1::date - 1
), seated AS (
    SELECT o.upgrades_level AS level, r.learner_id FROM enrolment_records r, offering_dimensions o
    WHERE r.offering_id = o.offering_id AND o.upgrades_level IS NOT NULL
      AND r.status IN ('confirmed', 'active', 'completed')
      AND r.seated_at < $1::date::timestamp AT TIME ZONE 'UTC'
    EXCEPT SELECT level, learner_id FROM done
)
SELECT level, (SELECT count(*) FROM seated s WHERE s.level = l.level) AS in_programme,
       (SELECT count(DISTINCT learner_id) FROM done d WHERE d.level = l.level) AS attained
FROM unnest(ARRAY['preschool', 'primary', 'lower_secondary', 'upper_secondary']) AS l(level)
"""


def offering(level: str | None, revision: int, event=OfferingScheduledV1, **changes):
    audience = [{"rule": "teachers_below_standard", "level": level}] if level else []
    state = {
        "offering_id": uuid.uuid5(uuid.NAMESPACE_OID, level or "open"),
        "course_id": uuid.uuid4(),
        "revision": revision,
        "status": "open",
        "theme": "teacher_professional_standard" if level else "health",
        "delivery_mode": "distance",
        "starts_on": date(2025, 9, 1),
        "audience": audience,
        **changes,
    }
    at = "scheduled_at" if event is OfferingScheduledV1 else "changed_at"
    return event(**state, **{at: T0 - timedelta(days=30 - revision)})


def facts(offering_id: uuid.UUID, learner: uuid.UUID) -> dict:
    return {
        "enrolment_id": uuid.uuid4(),
        "offering_id": offering_id,
        "course_id": uuid.uuid4(),
        "learner_id": learner,
        "sex": "female",
        "age_band": "25-54",
        "locality_code": "00004",
        "ethnic_minority": False,
        "support_categories": [],
        "learner_type": "teacher",
    }


def events_of_plan() -> tuple[list, list, list]:
    """Offering, enrolment and learner events; an offering's change arrives before its scheduling."""
    offerings = [offering(level, 1) for level in PLAN] + [offering(None, 1)]
    offerings.insert(0, offering("primary", 2, OfferingChangedV1, capacity=80))  # a later revision first
    enrolments, learners = [], []
    for level, (seated, attained, withdrawn, outside) in PLAN.items():
        programme = uuid.uuid5(uuid.NAMESPACE_OID, level)
        for i in range(seated + withdrawn):
            f = facts(programme, uuid.uuid4())
            enrolments.append(EnrolmentConfirmedV2(**f, confirmed_at=T0 + timedelta(days=i)))
            if i >= seated:
                enrolments.append(EnrolmentWithdrawnV1(**f, withdrawn_at=T0 + timedelta(days=i + 1)))
            elif i < attained:
                learners.append(
                    TeacherStandardAttainedV1(
                        learner_id=f["learner_id"], level=level, attained_on=date(2025, 12, 1)
                    )
                )
        learners += [
            TeacherStandardAttainedV1(learner_id=uuid.uuid4(), level=level, attained_on=date(2025, 11, 1))
            for _ in range(outside)
        ]
        # on the open offering, and attained after the period: neither counts
        f = facts(uuid.uuid5(uuid.NAMESPACE_OID, "open"), uuid.uuid4())
        enrolments.append(EnrolmentConfirmedV2(**f, confirmed_at=T0))
        learners.append(
            TeacherStandardAttainedV1(learner_id=f["learner_id"], level=level, attained_on=date(2026, 2, 1))
        )
    return offerings, enrolments, learners


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server, tmp_path_factory):
    path = tmp_path_factory.mktemp("teachers") / "baseline.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["level", "teachers", "reference_date", "source"])
        writer.writerows(
            [level, n, "2025-06-30", "test fixture, not official"] for level, n in BASELINE.items()
        )
    async with start_service(ReportingSettings, bootstrap, teacher_baseline_file=path) as service:
        offerings, enrolments, learners = events_of_plan()
        for topic, events in (
            ("content.offerings", offerings),
            ("enrolment.enrolments", enrolments),
            ("enrolment.learners", learners),
        ):
            name = service.runtime.topic_name(topic)
            await produce_together(kafka_server.bootstrap_servers, name, [as_message(e) for e in events])
        await eventually(lambda: _projected(service, len(offerings) - 1, len(learners)))
        yield service


async def _projected(service, offerings: int, attainments: int) -> bool:
    withdrawn = await service.db.fetchval("SELECT count(*) FROM enrolment_records WHERE status = 'withdrawn'")
    return (
        await service.db.fetchval("SELECT count(*) FROM offering_dimensions") == offerings
        and await service.db.fetchval("SELECT count(*) FROM teacher_attainments") == attainments
        and withdrawn == 3
        and await service.db.fetchval("SELECT count(*) FROM enrolment_records") == 32
    )


async def get(service, role: str = "leader", **params):
    headers = service.token("u-1", role, localities=["00004"]) if role == "district-officer" else None
    return await service.client.get(
        "/v1/indicators/teacher-standard", params=params, headers=headers or service.token("u-1", role)
    )


async def test_counts_by_level_match_an_independent_sql_computation(reporting):
    rows = await reporting.db.fetch(INDEPENDENT_SQL, date.fromisoformat(UNTIL))
    expected = {r["level"]: {"in_programme": r["in_programme"], "attained": r["attained"]} for r in rows}

    body = (await get(reporting, until=UNTIL)).json()

    cells = {c["level"]: c for c in body["cells"]}
    assert expected["preschool"] == {"in_programme": 10, "attained": 7}  # the plan, as projected
    assert (cells["preschool"]["in_programme"], cells["preschool"]["attained"]) == (10, 7)
    for level, counts in expected.items():
        for measure, n in counts.items():
            assert cells[level][measure] in (n, None), (level, measure)
        if cells[level]["in_training_or_done"] is not None:
            assert cells[level]["in_training_or_done"] == sum(counts.values())
    assert cells["preschool"]["percent"] == round(100 * 17 / 40, 4)
    assert cells["all"]["below_standard"] == sum(BASELINE.values())


async def test_small_counts_are_suppressed_so_that_no_total_gives_them_back(reporting):
    body = (await get(reporting, until=UNTIL)).json()

    cells = {c["level"]: c for c in body["cells"]}
    assert cells["lower_secondary"]["in_programme"] is None  # 3 teachers
    assert cells["lower_secondary"]["suppressed"]
    # 22 in all minus 10 and 9 would give the 3 away: one more cell of the column is withheld
    assert cells["all"]["in_programme"] is None or cells["primary"]["in_programme"] is None


async def test_each_level_carries_the_roadmap_target_in_force_with_its_source(reporting):
    body = (await get(reporting, until=UNTIL)).json()

    targets = {c["level"]: (c["target_percent"], c["target_phase"], c["target_by"]) for c in body["cells"]}
    assert targets["preschool"] == (60.0, "phase 1", "2025-12-31")
    assert targets["primary"] == (50.0, "phase 1", "2025-12-31")
    assert targets["lower_secondary"] == (60.0, "phase 1", "2025-12-31")
    assert targets["upper_secondary"] == (None, None, None)  # not in the roadmap
    assert any("Decree 71/2020" in s for s in body["sources"])
    assert body["building_block"].startswith("Enhanced quality in learning")


async def test_the_next_phase_target_applies_from_2026(reporting):
    body = (await get(reporting, until="2026-02-01")).json()

    assert {c["level"]: c["target_percent"] for c in body["cells"]}["primary"] == 100.0


async def test_a_district_officer_is_refused_and_a_bad_period_is_a_422(reporting, problem):
    assert problem(await get(reporting, "district-officer", until=UNTIL), 403)
    assert problem(await get(reporting, until="2026-01-15"), 422)
