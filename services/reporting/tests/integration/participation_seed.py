"""The participation tests' seed: a test population, learners and enrolments, and an independent SQL count."""

import csv
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

UNTIL = datetime(2026, 7, 1, tzinfo=UTC)
BANDS = ("15-24", "25-54", "55-64")
SEXES = ("female", "male", "other", "undisclosed")
LOCALITIES = ("00004", "00008", "00025")
TEST_POPULATION = [  # test fixture: illustrative figures, not official statistics
    ("city", sex, band, n)
    for sex, sizes in {"female": (400, 900, 300), "male": (420, 850, 280), "all": (830, 1760, 590)}.items()
    for band, n in zip(BANDS, sizes, strict=True)
] + [("00004", "all", band, 200) for band in BANDS]

INDEPENDENT_SQL = """
WITH population_fixture AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(area, sex, age_band, population)
), people AS (
    SELECT DISTINCT d.learner_id, d.age_band, d.sex
    FROM learner_dimensions d JOIN enrolment_facts f ON f.learner_id = d.learner_id
    WHERE f.confirmed_at >= ($1::timestamptz AT TIME ZONE 'UTC' - interval '12 months') AT TIME ZONE 'UTC'
      AND f.confirmed_at < $1
      AND d.age_band IN ('15-24', '25-54', '55-64')
), grouped AS (
    SELECT age_band AS age_group, CASE WHEN sex IN ('female', 'male') THEN sex ELSE 'other' END AS sex
    FROM people
    UNION ALL SELECT '15-64', CASE WHEN sex IN ('female', 'male') THEN sex ELSE 'other' END FROM people
), counted AS (
    SELECT age_group, sex, count(*) AS n FROM grouped GROUP BY 1, 2
), denominators AS (
    SELECT age_band AS age_group, sex, population FROM population_fixture WHERE area = 'city'
    UNION ALL
    SELECT '15-64', sex, sum(population) FROM population_fixture WHERE area = 'city' GROUP BY sex
)
SELECT c.age_group, c.sex, c.n, round(100.0 * c.n / p.population, 4) AS rate
FROM counted c LEFT JOIN denominators p USING (age_group, sex)
"""


def population_csv(path: Path) -> Path:
    """Write the test population (with its reference date and source) as a population file at `path`."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["area", "sex", "age_band", "population", "reference_date", "source"])
        writer.writerows([*row, "2026-01-01", "test fixture, not official"] for row in TEST_POPULATION)
    return path


async def seed(service) -> None:
    """300 learners of every band, sex and locality; enrolments inside and outside the period."""
    rng = random.Random(431)
    learners, facts = [], []
    for i in range(300):
        learner = uuid.uuid4()
        band = rng.choice((*BANDS, "0-14", "65+"))
        sex = rng.choices(SEXES, weights=(45, 45, 5, 5))[0]
        learners.append((learner, sex, band, rng.choice(LOCALITIES), UNTIL - timedelta(days=400)))
        for _ in range(rng.randint(0, 3)):  # some never enrolled, some several times
            when = UNTIL - timedelta(days=rng.randint(-30, 500))  # some after, some before the period
            facts.append((uuid.uuid4(), uuid.uuid4(), learner, when))
        if i % 50 == 0:  # an enrolment whose learner's dimensions have not arrived
            facts.append((uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), UNTIL - timedelta(days=3)))
    await insert(service, learners, facts)


async def insert(service, learners: list[tuple], facts: list[tuple]) -> None:
    """Write learners (id, sex, age band, locality, as of: resident, no minority) and enrolment facts
    (enrolment, course, learner, confirmed at) straight into the projection, in one transaction."""
    async with service.db.acquire() as conn, conn.transaction():
        await conn.executemany(
            "INSERT INTO learner_dimensions (learner_id, sex, age_band, locality_code, ethnic_minority,"
            " learner_type, as_of) VALUES ($1, $2, $3, $4, false, 'resident', $5)",
            learners,
        )
        await conn.executemany(
            "INSERT INTO enrolment_facts (enrolment_id, course_id, learner_id, confirmed_at)"
            " VALUES ($1, $2, $3, $4)",
            facts,
        )


async def independent(service) -> dict[tuple[str, str], tuple[int, float | None]]:
    columns = [list(column) for column in zip(*TEST_POPULATION, strict=True)]
    rows = await service.db.fetch(INDEPENDENT_SQL, UNTIL, *columns)
    return {
        (r["age_group"], r["sex"]): (r["n"], None if r["rate"] is None else float(r["rate"])) for r in rows
    }
