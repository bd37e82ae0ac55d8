"""The GNLC progress-report export (JSON and HTML) and the admins' drill-down, on events from Kafka."""

import pytest
import pytest_asyncio
from reporting.bootstrap import ReportingSettings, bootstrap
from reporting.domain.indicator_catalogue import CATALOGUE

from .conftest import illustrative_population_file, period_end, seed_city

pytestmark = pytest.mark.integration


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server, tmp_path_factory):
    population = illustrative_population_file(tmp_path_factory.mktemp("population"))
    async with start_service(ReportingSettings, bootstrap, population_file=population) as service:
        service.enrolments = await seed_city(service, kafka_server)
        yield service


async def report(reporting, role: str = "leader", **params):
    params = {"period": period_end().isoformat(), **params}
    return await reporting.client.get("/v1/reports/gnlc", params=params, headers=reporting.token("u", role))


async def api(reporting, path: str, by: str) -> dict:
    params = {"by": by, "until": period_end().isoformat()}
    response = await reporting.client.get(path, params=params, headers=reporting.token("u", "leader"))
    assert response.status_code == 200, response.text
    return response.json()


async def drill(reporting, role: str = "admin", **params):
    params = {"until": period_end().isoformat(), **params}
    return await reporting.client.get("/v1/drill-down", params=params, headers=reporting.token("a", role))


async def test_the_json_report_lists_every_catalogued_indicator_with_the_apis_published_figures(reporting):
    body = (await report(reporting)).json()

    assert [i["id"] for i in body["indicators"]] == [d.id for d in CATALOGUE]
    assert body["until"] == period_end().isoformat()
    assert any("Illustrative" in s for s in body["population_sources"])
    for reported, definition in zip(body["indicators"], CATALOGUE, strict=True):
        assert reported["definition"] == definition.definition
        assert reported["data_source"] == definition.data_source
        assert reported["building_block"]["number"] == definition.building_block.number
        assert [f["by"] for f in reported["figures"]] == list(definition.breakdowns)
        for figures in reported["figures"]:
            assert figures == await api(reporting, definition.api_path, figures["by"])


async def test_suppressed_cells_stay_suppressed_in_both_forms(reporting):
    body = (await report(reporting)).json()
    page = (await report(reporting, format="html")).text

    participation = body["indicators"][0]["figures"]
    by_locality = next(f for f in participation if f["by"] == "locality")
    small = next(c for c in by_locality["cells"] if c["locality_code"] == "00025")
    assert (small["participants"], small["suppressed"]) == (None, True)  # two learners only
    assert '<td class="key">00025</td><td class="suppressed">suppressed</td>' in page.replace("\n", "")
    assert "Inclusive learning in the education system" in page
    assert CATALOGUE[0].definition in page


async def test_the_report_is_for_city_leaders_and_the_department(reporting, problem):
    problem(await report(reporting, "district-officer"), 403)
    problem(await report(reporting, period="2026-07-15"), 422)


async def test_an_admin_traces_a_published_participation_figure_to_its_enrolments(reporting):
    published = await api(reporting, "/v1/indicators/participation", "locality")
    cell = next(c for c in published["cells"] if c["locality_code"] == "00004")

    body = (await drill(reporting, indicator="sdg-4.3.1", by="locality", group="00004")).json()

    assert body["published"]["participants"] == cell["participants"] == 12
    assert body["counts"] == {"participants": 12, "enrolments": 12}
    assert len(body["items"]) == 12 and set(body["items"]) <= {str(e) for e in reporting.enrolments}
    assert body["next_cursor"] is None


async def test_an_admin_pages_through_the_enrolments_of_a_completion_count(reporting):
    first = (await drill(reporting, indicator="enrolments", by="sex", group="female", limit=4)).json()
    rest = (
        await drill(reporting, indicator="enrolments", by="sex", group="female", cursor=first["next_cursor"])
    ).json()

    assert first["published"] == {"enrolments": 10, "completions": 6}
    assert first["counts"] == {"enrolments": 10, "completions": 6}
    assert len(first["items"]) == 4 and len(rest["items"]) == 6
    assert not set(first["items"]) & set(rest["items"])


async def test_a_suppressed_cell_is_traced_for_admins_only(reporting, problem):
    body = (await drill(reporting, indicator="sdg-4.3.1", by="locality", group="00025")).json()

    assert body["published"]["participants"] is None  # suppressed as published...
    assert body["counts"]["participants"] == 2  # ...and traceable by the department's administrators
    for role in ("leader", "district-officer", "analyst"):
        problem(await drill(reporting, role, indicator="sdg-4.3.1", by="locality", group="00025"), 403)


async def test_a_cell_the_table_does_not_publish_is_not_found(reporting, problem):
    problem(await drill(reporting, indicator="sdg-4.3.1", by="locality", group="99999"), 404)
    problem(await drill(reporting, indicator="sdg-4.3.1", by="sex", group="15-64/nobody"), 404)
    problem(await drill(reporting, indicator="enrolments", by="age_group", group="all"), 404)
