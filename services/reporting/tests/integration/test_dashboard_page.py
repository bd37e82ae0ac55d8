"""The dashboard page in headless Chromium (Debian's, driven by Playwright): its numbers are the API's."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, Route, async_playwright
from reporting.bootstrap import ReportingSettings, bootstrap

from .conftest import illustrative_population_file, seed_city

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
# Flags that work on this closed, root-run machine: no sandbox, no GPU, no background calls to the internet.
FLAGS = [
    *("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
    *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
]
ORIGIN = "http://reporting.test"
DASH = "\N{EN DASH}"  # what the page shows for a figure that is not known (no population figure)
PANELS = [
    ("/v1/indicators/participation?by=locality", ("locality_code",)),
    ("/v1/indicators/enrolments?by=locality", ("group",)),
    ("/v1/indicators/participation?by=sex", ("age_group", "sex")),
    ("/v1/indicators/enrolments?by=sex", ("group",)),
    ("/v1/indicators/enrolments?by=support_category", ("group",)),
]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server, tmp_path_factory):
    population = illustrative_population_file(tmp_path_factory.mktemp("population"))
    async with start_service(ReportingSettings, bootstrap, population_file=population) as service:
        await seed_city(service, kafka_server)
        yield service


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        await launched.close()


async def open_page(browser: Browser, reporting, address: str) -> Page:
    """A page whose every request to ORIGIN is answered by the service's app (in this process)."""

    async def answer(route: Route) -> None:
        request = route.request
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        response = await reporting.client.request(
            request.method,
            request.url.removeprefix(ORIGIN),
            headers=headers,
            content=request.post_data_buffer,
        )
        await route.fulfill(
            status=response.status_code, headers=dict(response.headers), body=response.content
        )

    page = await browser.new_page()
    await page.route(f"{ORIGIN}/**", answer)
    await page.goto(ORIGIN + address)
    await page.wait_for_selector("body[data-state=loaded], body[data-state=failed]")
    assert await page.get_attribute("body", "data-state") == "loaded"
    return page


def token(reporting, role: str, **claims: Any) -> str:
    return reporting.token("viewer", role, **claims)["Authorization"].removeprefix("Bearer ")


async def shown(page: Page, url: str) -> dict[str, dict[str, tuple[str, str]]]:
    """Per row of a panel: each figure's text on the page and its raw value."""
    return await page.eval_on_selector_all(
        f"section[data-panel='{url.lstrip('/')}'] tr[data-group]",  # the page asks by relative URLs
        """rows => Object.fromEntries(rows.map(r => [r.dataset.group, Object.fromEntries(
            [...r.querySelectorAll('td[data-field]')]
                .map(td => [td.dataset.field, [td.textContent, td.dataset.value]])
        )]))""",
    )


def withheld(cell: dict[str, Any], field: str) -> str:
    """What the page shows for a null figure: suppressed counts say so, unknown denominators a dash."""
    return "suppressed (<5)" if cell["suppressed"] and field not in ("population", "rate") else DASH


def english_number(text: str) -> float:
    return float(text.replace(",", ""))


async def test_every_number_on_the_english_page_is_the_apis(reporting, browser):
    viewer = token(reporting, "leader")
    page = await open_page(browser, reporting, f"/dashboard?lang=en#token={viewer}")

    assert "token=" not in page.url  # taken out of the address bar at once
    for url, keys in PANELS:
        api = (await reporting.client.get(url, headers={"Authorization": f"Bearer {viewer}"})).json()
        rows = await shown(page, url)
        assert set(rows) == {"/".join(str(c[k]) for k in keys) for c in api["cells"]}, url
        for cell in api["cells"]:
            figures = rows["/".join(str(cell[k]) for k in keys)]
            for field, (text, raw) in figures.items():
                if cell[field] is None:
                    assert (raw, text) == ("", withheld(cell, field)), (url, cell, field)
                else:
                    assert english_number(text) == pytest.approx(cell[field], abs=0.005), (url, field)
                    assert float(raw) == cell[field], (url, field)
    small = (await shown(page, PANELS[0][0]))["00025"]["participants"]
    assert small == ["suppressed (<5)", ""]  # the seed's two learners of 00025 are hidden on the page too
    await page.close()


async def test_the_page_says_the_population_is_illustrative(reporting, browser):
    page = await open_page(browser, reporting, f"/dashboard?lang=en#token={token(reporting, 'leader')}")

    notes = page.locator("section[data-panel$='participation?by=locality'] [data-note=illustrative]")
    assert await notes.count() == 1
    assert "Illustrative population" in await notes.inner_text()
    await page.close()


async def test_the_page_is_vietnamese_by_default_with_the_same_figures(reporting, browser):
    viewer = token(reporting, "leader")
    page = await open_page(browser, reporting, f"/dashboard#token={viewer}")

    assert await page.get_attribute("html", "lang") == "vi"
    assert "Thành phố học tập" in await page.inner_text("h1")
    url = PANELS[1][0]
    api = (await reporting.client.get(url, headers={"Authorization": f"Bearer {viewer}"})).json()
    rows = await shown(page, url)
    for cell in api["cells"]:
        raw = rows[cell["group"]]["enrolments"][1]
        assert raw == ("" if cell["enrolments"] is None else str(cell["enrolments"]))
    await page.close()


async def test_a_district_officer_sees_only_the_rows_of_their_locality(reporting, browser):
    officer = token(reporting, "district-officer", localities=["00004"])
    page = await open_page(browser, reporting, f"/dashboard?lang=en#token={officer}")

    assert set(await shown(page, PANELS[1][0])) == {"00004"}
    refused = page.locator(f"section[data-panel='{PANELS[3][0].lstrip('/')}'] .error")
    assert await refused.inner_text() == "Your role may not see this table."
    await page.close()


async def test_without_a_token_the_page_shows_no_figures(reporting, browser):
    page = await browser.new_page()
    await page.route(f"{ORIGIN}/**", lambda route: _passthrough(reporting, route))
    await page.goto(f"{ORIGIN}/dashboard?lang=en")
    await page.wait_for_selector("body[data-state=signin]")

    assert await page.locator("table").count() == 0
    await page.close()


async def _passthrough(reporting, route: Route) -> None:
    response = await reporting.client.get(route.request.url.removeprefix(ORIGIN))
    await route.fulfill(status=response.status_code, headers=dict(response.headers), body=response.content)
