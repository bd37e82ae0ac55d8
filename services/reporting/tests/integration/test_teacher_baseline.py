"""The teacher indicator against the shipped (illustrative) baseline of teachers below standard: counts by
level, the shares in a programme and attained, recomputed independently in SQL from the same projected data
and the baseline file read here with the csv module."""

import csv
from datetime import date
from pathlib import Path

import pytest
import pytest_asyncio
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from reporting.bootstrap import ReportingSettings, bootstrap

from .test_teacher_standard_indicator import INDEPENDENT_SQL, UNTIL, _projected, events_of_plan

pytestmark = pytest.mark.integration

SHIPPED = Path(__file__).parents[2] / "src" / "reporting" / "data" / "teacher_baseline_illustrative.csv"
SHARES_SQL = f"""
WITH counts AS ({INDEPENDENT_SQL.replace("$1", "$3")})
SELECT c.level, b.teachers AS below_standard,
       round(100.0 * c.in_programme / b.teachers, 4)::float AS in_programme_percent,
       round(100.0 * c.attained / b.teachers, 4)::float AS attained_percent,
       round(100.0 * (c.in_programme + c.attained) / b.teachers, 4)::float AS percent
FROM counts c JOIN unnest($1::text[], $2::int[]) AS b(level, teachers) USING (level)
"""


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    settings = {"teacher_baseline_dataset": "illustrative"}
    async with start_service(ReportingSettings, bootstrap, **settings) as service:
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


def shipped_baseline() -> dict[str, dict[str, str]]:
    with SHIPPED.open(newline="", encoding="utf-8") as handle:
        return {row["level"]: row for row in csv.DictReader(handle)}


async def test_below_standard_and_the_shares_by_level_match_an_independent_sql_computation(reporting):
    baseline = shipped_baseline()
    levels = list(baseline)
    teachers = [int(baseline[lvl]["teachers"]) for lvl in levels]
    rows = await reporting.db.fetch(SHARES_SQL, levels, teachers, date.fromisoformat(UNTIL))
    expected = {r["level"]: dict(r) for r in rows}

    response = await reporting.client.get(
        "/v1/indicators/teacher-standard", params={"until": UNTIL}, headers=reporting.token("u", "leader")
    )

    assert response.status_code == 200, response.text
    cells = {c["level"]: c for c in response.json()["cells"]}
    assert {"preschool", "primary", "lower_secondary"} <= set(expected)
    for level, want in expected.items():
        cell = cells[level]
        assert cell["below_standard"] == want["below_standard"] > 0
        for share, count in (("in_programme_percent", "in_programme"), ("attained_percent", "attained")):
            assert cell[share] == (want[share] if cell[count] is not None else None), (level, share)
        if cell["in_training_or_done"] is not None:
            assert cell["percent"] == want["percent"]
    assert cells["preschool"]["in_programme_percent"] == expected["preschool"]["in_programme_percent"]
    assert cells["preschool"]["target_percent"] == 60.0  # against the roadmap's phase 1 target


async def test_the_illustrative_baseline_is_labelled_as_such(reporting):
    response = await reporting.client.get(
        "/v1/indicators/teacher-standard", params={"until": UNTIL}, headers=reporting.token("u", "leader")
    )

    body = response.json()
    assert body["baseline_illustrative"] is True
    assert any("ILLUSTRATIVE" in source for source in body["sources"])
    assert all("ILLUSTRATIVE" in row["source"] for row in shipped_baseline().values())
