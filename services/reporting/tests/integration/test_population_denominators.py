"""Denominators: the illustrative per-commune file gives rates (checked by SQL on the same file and seed),
every indicator response names its file and whether it is illustrative; the official file gives no rates."""

import csv
import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from reporting.adapters.population_file import ILLUSTRATIVE
from reporting.bootstrap import ReportingSettings, bootstrap

from .participation_seed import insert

pytestmark = pytest.mark.integration

UNTIL = datetime(2026, 7, 1, tzinfo=UTC)
LOCALITIES = ("00004", "00008", "00025", "00070")

INDEPENDENT_SQL = """
WITH population_file AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(area, sex, age_band, population)
), people AS (
    SELECT DISTINCT d.learner_id, d.locality_code
    FROM learner_dimensions d JOIN enrolment_facts f ON f.learner_id = d.learner_id
    WHERE f.confirmed_at >= $1::timestamptz - interval '12 months' AND f.confirmed_at < $1
      AND d.age_band IN ('15-24', '25-54', '55-64')
), denominators AS (
    SELECT area, sum(population) AS population FROM population_file
    WHERE sex = 'all' AND age_band IN ('15-24', '25-54', '55-64') GROUP BY area
)
SELECT locality_code, count(*) AS n, p.population, round(100.0 * count(*) / p.population, 4) AS rate
FROM people JOIN denominators p ON p.area = people.locality_code
GROUP BY locality_code, p.population
"""


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def illustrative(start_service):
    async with start_service(ReportingSettings, bootstrap, population_dataset="illustrative") as service:
        await seed(service)
        yield service


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def official(start_service):
    async with start_service(ReportingSettings, bootstrap) as service:
        await seed(service)
        yield service


async def seed(service) -> None:
    """200 learners aged 15-64 in four wards, most enrolled once in the period."""
    rng = random.Random(2025)
    learners, facts = [], []
    for _ in range(200):
        learner = uuid.uuid4()
        band, sex = rng.choice(("15-24", "25-54", "55-64")), rng.choice(("female", "male"))
        learners.append((learner, sex, band, rng.choice(LOCALITIES), UNTIL - timedelta(days=400)))
        if rng.random() < 0.8:
            facts.append((uuid.uuid4(), uuid.uuid4(), learner, UNTIL - timedelta(days=rng.randint(1, 300))))
    await insert(service, learners, facts)


def shipped_rows() -> list[list]:
    with ILLUSTRATIVE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        [r["area"] for r in rows],
        [r["sex"] for r in rows],
        [r["age_band"] for r in rows],
        [int(r["population"]) for r in rows],
    ]


async def get(service, path: str, **params):
    response = await service.client.get(
        f"/v1/indicators/{path}", params=params, headers=service.token("u-1", "leader")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_illustrative_file_gives_rates_per_locality_that_match_sql_on_the_same_file(illustrative):
    rows = await illustrative.db.fetch(INDEPENDENT_SQL, UNTIL, *shipped_rows())
    expected = {r["locality_code"]: (r["n"], r["population"], float(r["rate"])) for r in rows}

    body = await get(illustrative, "participation", by="locality", until="2026-07-01")

    cells = {c["locality_code"]: c for c in body["cells"]}
    assert set(expected) == set(LOCALITIES)
    for code in LOCALITIES:
        assert (cells[code]["participants"], cells[code]["population"], cells[code]["rate"]) == expected[code]
    assert body["denominator"] == {"source": "population_hanoi_illustrative.csv", "illustrative": True}
    assert all("ILLUSTRATIVE" in source for source in body["population_sources"])


async def test_the_illustrative_file_gives_rates_and_parity_by_sex(illustrative):
    body = await get(illustrative, "participation", by="sex", until="2026-07-01")

    rates = {(c["age_group"], c["sex"]): c["rate"] for c in body["cells"]}
    assert rates[("15-64", "female")] is not None and rates[("15-64", "male")] is not None
    assert body["gender_parity"]["15-64"] is not None


async def test_every_indicator_response_says_its_denominator_is_illustrative(illustrative):
    body = await get(illustrative, "enrolments", by="sex", until="2026-07-01")

    assert body["denominator"] == {"source": "population_hanoi_illustrative.csv", "illustrative": True}


@pytest.mark.parametrize(("path", "by"), [("participation", "locality"), ("enrolments", "locality")])
async def test_the_official_file_is_the_default_and_says_it_is_not_illustrative(official, path, by):
    body = await get(official, path, by=by, until="2026-07-01")

    assert body["denominator"] == {"source": "population_hanoi.csv", "illustrative": False}
    if path == "participation":
        assert all(c["rate"] is None for c in body["cells"])  # no official per-ward figures: no rates


async def test_the_equity_view_shows_each_sex_gap_to_everyone_of_its_age_group(illustrative):
    body = await get(illustrative, "participation", by="sex", until="2026-07-01")

    cells = {(c["age_group"], c["sex"]): c for c in body["cells"]}
    everyone = cells[("15-64", "all")]["rate"]
    for sex in ("female", "male"):
        cell = cells[("15-64", sex)]
        assert cell["rate_gap"] == round(cell["rate"] - everyone, 4) and cell["rate_gap"] != 0
    assert cells[("15-64", "all")]["rate_gap"] == 0
