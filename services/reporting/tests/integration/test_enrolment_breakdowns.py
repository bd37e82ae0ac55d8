"""The enrolment indicator by course domain and delivery mode, its online share, benefits by locality and
vocational streaming: offerings and enrolments through Kafka, checked against independent SQL."""

from datetime import date

import pytest
import pytest_asyncio
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from reporting.bootstrap import ReportingSettings, bootstrap

from .breakdown_plan import OFFERINGS, plan, scheduled

pytestmark = pytest.mark.integration

UNTIL = date(2026, 7, 1)
COUNTS = """
SELECT {group} AS grp, count(*) AS n,
       count(*) FILTER (WHERE r.status = 'completed') AS done,
       count(*) FILTER (WHERE o.delivery_mode = ANY('{{online,distance}}')) AS online
FROM enrolment_records r JOIN offering_dimensions o ON o.offering_id = r.offering_id
WHERE r.seated_at >= ($1::date - interval '12 months') AT TIME ZONE 'UTC'
  AND r.seated_at < $1::date::timestamp AT TIME ZONE 'UTC' {only}
GROUP BY ROLLUP (1)
"""


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    async with start_service(ReportingSettings, bootstrap) as service:
        events, completed, grants = plan()
        offerings = [as_message(scheduled(name)) for name in OFFERINGS]
        bootstrap_servers = kafka_server.bootstrap_servers
        await produce_together(bootstrap_servers, service.runtime.topic_name("content.offerings"), offerings)
        enrolments = service.runtime.topic_name("enrolment.enrolments")
        await produce_together(bootstrap_servers, enrolments, [as_message(e) for e in events])
        await eventually(lambda: _projected(service, completed, grants))
        yield service


async def _projected(service, completed: int, grants: int) -> bool:
    return (
        await service.db.fetchval("SELECT count(*) FROM offering_dimensions") == len(OFFERINGS)
        and await service.db.fetchval("SELECT count(*) FROM enrolment_records") == 80
        and await service.db.fetchval("SELECT count(*) FROM enrolment_records WHERE status = 'completed'")
        == completed
        and await service.db.fetchval("SELECT count(*) FROM support_grant_facts") == grants
    )


async def independent(service, group: str, only: str = "") -> dict[str, tuple[int, int, int]]:
    rows = await service.db.fetch(COUNTS.format(group=group, only=only), UNTIL)
    return {r["grp"] or "all": (r["n"], r["done"], r["online"]) for r in rows}


async def get(service, **params) -> dict:
    response = await service.client.get(
        "/v1/indicators/enrolments",
        params={"until": UNTIL.isoformat(), **params},
        headers=service.token("u-1", "leader"),
    )
    assert response.status_code == 200, response.text
    return response.json()


def published(body: dict) -> dict[str, tuple]:
    return {c["group"]: (c["enrolments"], c["completions"], c["online_enrolments"]) for c in body["cells"]}


@pytest.mark.parametrize(("by", "column"), [("domain", "o.theme"), ("delivery_mode", "o.delivery_mode")])
async def test_by_domain_and_delivery_mode_match_sql(reporting, by, column):
    expected = await independent(reporting, column)

    body = await get(reporting, by=by)

    cells = published(body)
    assert set(cells) == set(expected)
    for group, counts in expected.items():
        assert cells[group] == counts, group  # every group has at least 5 of each here
    shares = {c["group"]: c["online_share"] for c in body["cells"]}
    assert shares["all"] == round(100 * expected["all"][2] / expected["all"][0], 4)


async def test_the_online_share_by_sex_matches_sql(reporting):
    expected = await independent(reporting, "r.sex")

    body = await get(reporting, by="sex")

    for cell in body["cells"]:
        n, _, online = expected[cell["group"]]
        assert (cell["online_enrolments"], cell["online_share"]) == (online, round(100 * online / n, 4))


async def test_benefits_granted_by_locality_match_sql(reporting):
    rows = await reporting.db.fetch(
        "SELECT locality_code, count(*) AS n FROM support_grant_facts WHERE granted_on >= $1::date"
        " - interval '12 months' AND granted_on < $1::date GROUP BY ROLLUP (1)",
        UNTIL,
    )
    expected = {r["locality_code"] or "all": r["n"] for r in rows}

    body = await get(reporting, by="locality")

    assert {c["group"]: c["benefits_granted"] for c in body["cells"]} == expected


async def test_vocational_streaming_counts_only_the_15_to_18_vocational_offering(reporting):
    only = "AND o.theme = 'vocational_training' AND o.max_age <= 18 AND r.age_band = '15-24'"
    expected = await independent(reporting, "r.sex", only)

    body = await get(reporting, by="sex", programme="vocational_streaming")

    assert body["programme"] == "vocational_streaming"
    cells = published(body)
    assert 0 < expected["all"][0] < 80
    for group, counts in cells.items():  # a small sex group hides, and its total with it
        if counts[0] is not None:
            assert counts[:2] == expected[group][:2], group
    assert any(counts[0] is not None for counts in cells.values())
    everyone = published(await get(reporting, by="sex"))
    assert everyone["all"][0] == 80  # the same breakdown without the programme: a snapshot of its own


@pytest.mark.parametrize("params", [{"by": "course"}, {"by": "sex", "programme": "apprenticeship"}])
async def test_unknown_codes_are_a_422(reporting, problem, params):
    response = await reporting.client.get(
        "/v1/indicators/enrolments", params=params, headers=reporting.token("u-1", "leader")
    )
    problem(response, 422)


@pytest.mark.parametrize("by", ["sex", "support_category"])
async def test_the_equity_view_shows_each_group_gap_to_the_total(reporting, by):
    cells = {c["group"]: c for c in (await get(reporting, by=by))["cells"]}

    total = cells["all"]
    assert total["completion_rate"] is not None
    for group, cell in cells.items():
        if cell["completion_rate"] is not None:
            assert cell["completion_rate_gap"] == round(cell["completion_rate"] - total["completion_rate"], 4)
            assert cell["online_share_gap"] == round(cell["online_share"] - total["online_share"], 4), group
    assert any(c["completion_rate_gap"] not in (None, 0) for c in cells.values())
