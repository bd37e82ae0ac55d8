"""The enrolment indicator by course domain and delivery mode, its online share, benefits by locality and
vocational streaming: offerings and enrolments through Kafka, checked against independent SQL."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import pytest_asyncio
from contracts.events.content.offering_scheduled_v1 import OfferingScheduledV1
from contracts.events.enrolment import EnrolmentCompletedV1, EnrolmentConfirmedV2, SupportGrantedV1
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together
from reporting.bootstrap import ReportingSettings, bootstrap

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
UNTIL = date(2026, 7, 1)
OFFERINGS = {  # name: (theme, delivery mode, audience)
    "streaming": (
        "vocational_training",
        "in_person",
        [{"rule": "age_between", "min_age": 15, "max_age": 18}],
    ),
    "adult_vocational": (
        "vocational_training",
        "blended",
        [{"rule": "age_between", "min_age": 18, "max_age": 60}],
    ),
    "health": ("health", "online", []),
    "law": ("law", "distance", []),
}
COUNTS = """
SELECT {group} AS grp, count(*) AS n,
       count(*) FILTER (WHERE r.status = 'completed') AS done,
       count(*) FILTER (WHERE o.delivery_mode = ANY('{{online,distance}}')) AS online
FROM enrolment_records r JOIN offering_dimensions o ON o.offering_id = r.offering_id
WHERE r.seated_at >= ($1::date - interval '12 months') AT TIME ZONE 'UTC'
  AND r.seated_at < $1::date::timestamp AT TIME ZONE 'UTC' {only}
GROUP BY ROLLUP (1)
"""


def offering_id(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def scheduled(name: str) -> OfferingScheduledV1:
    theme, mode, audience = OFFERINGS[name]
    return OfferingScheduledV1(
        offering_id=offering_id(name),
        course_id=uuid.uuid4(),
        revision=1,
        status="open",
        theme=theme,
        delivery_mode=mode,
        starts_on=date(2026, 3, 1),
        audience=audience,
        scheduled_at=T0 - timedelta(days=30),
    )


def plan() -> tuple[list, int, int]:
    """80 enrolments over the four offerings, some completed, some granted support; the streaming
    offering's learners are 15-24."""
    rng, events, completed, grants = random.Random(12), [], 0, 0
    for i in range(80):
        name = rng.choice(list(OFFERINGS))
        f = {
            "enrolment_id": uuid.uuid4(),
            "offering_id": offering_id(name),
            "course_id": uuid.uuid4(),
            "learner_id": uuid.uuid4(),
            "sex": rng.choice(("female", "male")),
            "age_band": "15-24" if name == "streaming" else rng.choice(("15-24", "25-54")),
            "locality_code": rng.choice(("00004", "00008")),
            "ethnic_minority": rng.random() < 0.3,
            "support_categories": ["poor_household"] if i % 3 == 0 else [],
            "learner_type": "resident",
        }
        at = T0 + timedelta(hours=i)
        events.append(EnrolmentConfirmedV2(**f, confirmed_at=at))
        if rng.random() < 0.5:
            completed += 1
            done = at + timedelta(days=20)
            events.append(EnrolmentCompletedV1(**f, outcome="passed", certificate_id=None, completed_at=done))
        if i % 3 == 0:
            grants += 1
            events.append(
                SupportGrantedV1(
                    **f,
                    support_category="poor_household",
                    benefit="fee_waiver",
                    legal_basis="Decree 238/2025/ND-CP",
                    granted_on=date(2026, 4, 1),
                )
            )
    return events, completed, grants


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
