"""SDG 4.3.1 over HTTP, checked against an independent SQL computation on the same seed data."""

import uuid
from datetime import UTC, date, datetime

import pytest
import pytest_asyncio
from reporting.app.participation import ParticipationQuery, participation
from reporting.bootstrap import ReportingSettings, bootstrap

from .participation_seed import LOCALITIES, independent, population_csv, seed

pytestmark = pytest.mark.integration


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, tmp_path_factory):
    path = population_csv(tmp_path_factory.mktemp("population") / "population.csv")
    async with start_service(ReportingSettings, bootstrap, population_file=path) as service:
        await seed(service)
        yield service


async def get(service, role: str = "leader", **params):
    return await service.client.get(
        "/v1/indicators/participation", params=params, headers=service.token("u-1", role)
    )


async def test_counts_rates_and_gender_parity_by_sex_match_an_independent_sql_computation(reporting):
    expected = await independent(reporting)

    body = (await get(reporting, by="sex", until="2026-07-01")).json()

    assert (body["since"], body["until"]) == ("2025-07-01", "2026-07-01")
    published = {(c["age_group"], c["sex"]): c for c in body["cells"] if c["sex"] != "all"}
    assert any(c["suppressed"] for c in published.values())  # the few 'other' learners are hidden
    for key, cell in published.items():
        if not cell["suppressed"]:
            assert (cell["participants"], cell["rate"]) == expected.get(key, (0, None)), key
    for group in ("15-24", "25-54", "55-64", "15-64"):
        female, male = expected[(group, "female")][1], expected[(group, "male")][1]
        adjusted = female / male if female <= male else 2 - male / female
        assert body["gender_parity"][group] == pytest.approx(adjusted, abs=1e-3)


async def test_by_age_group_totals_match_sql_and_use_the_all_sexes_population(reporting):
    expected = await independent(reporting)

    body = (await get(reporting, by="age_group", until="2026-07-01")).json()
    by_sex = (await get(reporting, by="sex", until="2026-07-01")).json()

    cells = {c["age_group"]: c for c in body["cells"]}
    all_sexes = {c["age_group"]: c["participants"] for c in by_sex["cells"] if c["sex"] == "all"}
    for group in ("15-24", "25-54", "55-64", "15-64"):
        total = sum(n for (g, _), (n, _) in expected.items() if g == group)
        assert cells[group]["participants"] in (total, None)
        # the same figure as the table by sex, withheld there (with a small cell) and so here too
        assert cells[group]["participants"] == all_sexes[group]
    assert any(c["participants"] is not None for c in cells.values())
    assert cells["15-24"]["population"] == 830
    assert cells["15-64"]["population"] == 830 + 1760 + 590


async def test_by_locality_gives_a_rate_where_the_locality_has_a_population(reporting):
    body = (await get(reporting, by="locality", until="2026-07-01")).json()

    cells = {c["locality_code"]: c for c in body["cells"]}
    assert set(cells) == {*LOCALITIES, "all"}
    assert cells["00004"]["population"] == 600
    assert cells["00004"]["rate"] == round(100 * cells["00004"]["participants"] / 600, 4)
    assert cells["00008"]["rate"] is None
    assert body["population_sources"] == ["test fixture, not official (reference date 2026-01-01)"]


async def test_asking_again_after_a_late_enrolment_gives_the_same_snapshot(reporting):
    first = (await get(reporting, by="locality", until="2026-06-01")).json()
    learner = uuid.uuid4()
    late = datetime(2025, 6, 15, tzinfo=UTC)  # inside this period only, not the 2026-07-01 one
    async with reporting.db.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO learner_dimensions (learner_id, sex, age_band, locality_code, ethnic_minority,"
            " learner_type, as_of) VALUES ($1, 'male', '25-54', '00004', false, 'resident', $2)",
            learner,
            late,
        )
        await conn.execute(
            "INSERT INTO enrolment_facts (enrolment_id, course_id, learner_id, confirmed_at)"
            " VALUES ($1, $2, $3, $4)",
            uuid.uuid4(),
            uuid.uuid4(),
            learner,
            late,
        )

    again = (await get(reporting, by="locality", until="2026-06-01")).json()

    assert again == first and first["published_at"]
    live = await participation(ParticipationQuery("locality", date(2026, 6, 1)), reporting.runtime.uow(), {})
    cells = {c.locality_code: c.participants for c in live.table.cells}
    published = {c["locality_code"]: c["participants"] for c in first["cells"]}
    assert cells["00004"] == published["00004"] + 1  # live figures would have told who enrolled late


@pytest.mark.parametrize("until", ["2026-06-15", "2027-01-01"])
async def test_a_period_that_is_not_a_begun_month_is_a_422_problem(reporting, problem, until):
    assert problem(await get(reporting, by="sex", until=until), 422)["type"].endswith("/period-refused")


async def test_an_unknown_breakdown_is_a_422_problem(reporting, problem):
    problem(await get(reporting, by="ethnic_group"), 422)


def officer(service, *localities: str) -> dict[str, str]:
    return service.token("district-1", "district-officer", localities=list(localities))


async def test_a_district_officer_sees_participation_of_their_localities_only(reporting):
    params = {"by": "locality", "until": "2026-07-01"}

    response = await reporting.client.get(
        "/v1/indicators/participation", params=params, headers=officer(reporting, "00004", "00025")
    )

    assert response.status_code == 200, response.text
    city = {c["locality_code"]: c for c in (await get(reporting, **params)).json()["cells"]}
    assert response.json()["cells"] == [city["00004"], city["00025"]]  # the city's published figures


@pytest.mark.parametrize("by", ["sex", "age_group"])
async def test_a_district_officer_is_refused_city_wide_breakdowns(reporting, problem, by):
    response = await reporting.client.get(
        "/v1/indicators/participation", params={"by": by}, headers=officer(reporting, "00004")
    )

    assert problem(response, 403)["type"].endswith("/breakdown-not-allowed")


@pytest.mark.parametrize("role", ["analyst", "learner"])
async def test_other_roles_are_refused(reporting, problem, role):
    problem(await get(reporting, role, by="sex"), 403)


async def test_a_bearer_token_is_required(reporting, problem):
    problem(await reporting.client.get("/v1/indicators/participation?by=sex"), 401)
