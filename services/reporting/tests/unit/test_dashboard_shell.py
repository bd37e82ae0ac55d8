"""The dashboard's page shell: no figures in it, both languages, a strict content security policy."""

import json
import re

import httpx
from fastapi import FastAPI
from reporting.domain.indicator_catalogue import CATALOGUE
from reporting.entrypoints import dashboard

app = FastAPI()
app.include_router(dashboard.router)
client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting")


def config(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="dashboard-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


async def test_the_page_is_vietnamese_by_default_and_english_on_request():
    vi, en = await client.get("/dashboard"), await client.get("/dashboard", params={"lang": "en"})

    assert '<html lang="vi">' in vi.text and "Thành phố học tập" in vi.text
    assert '<html lang="en">' in en.text and config(en.text)["labels"]["suppressed"] == "suppressed (<5)"
    assert (await client.get("/dashboard", params={"lang": "fr"})).status_code == 422


async def test_every_panel_reads_a_catalogued_indicator_by_one_of_its_breakdowns():
    catalogued = {d.id: d for d in CATALOGUE}
    for panel in config((await client.get("/dashboard")).text)["panels"]:
        path, by = panel["url"].split("?by=")
        assert "/" + path == catalogued[panel["indicator"]].api_path
        assert by in catalogued[panel["indicator"]].breakdowns


async def test_only_its_own_script_may_run_and_only_its_own_origin_be_asked():
    page, script = await client.get("/dashboard"), await client.get("/dashboard/dashboard.js")

    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "connect-src 'self';" in policy
    assert page.headers["referrer-policy"] == "no-referrer"
    assert script.headers["content-type"].startswith("text/javascript")
    assert "sessionStorage" in script.text and "innerHTML" not in script.text  # figures are set as text


async def test_the_page_asks_for_its_script_and_figures_by_relative_urls_so_it_works_behind_a_prefix():
    page = (await client.get("/dashboard")).text  # behind the one origin it is /api/reporting/dashboard

    base = httpx.URL("https://city.example/api/reporting/dashboard")
    [script] = re.findall(r'<script src="([^"]+)"', page)
    assert str(base.join(script)) == "https://city.example/api/reporting/dashboard/dashboard.js"
    for panel in config(page)["panels"]:
        assert str(base.join(panel["url"])).startswith("https://city.example/api/reporting/v1/indicators/")
