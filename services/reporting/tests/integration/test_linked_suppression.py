"""The subtraction attack across two published tables of the same population: a total withheld by sex must
not be published by locality or by age group (enrolments through Kafka; participation from seeded facts)."""

from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from reporting.bootstrap import ReportingSettings, bootstrap

from .dimension_events import confirmed, registered
from .seeding import seed

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
PEOPLE = [("female", "00004")] * 12 + [("other", "00004")] + [("male", "00008")] * 7 + [("other", "00008")]
"""Two others, one in each big ward: by locality no cell is small, by sex the others are."""
ENROLLED_AND_RECORDED = (
    "SELECT count(*) FROM enrolment_facts JOIN enrolment_records USING (enrolment_id)"
    " JOIN learner_dimensions ON learner_dimensions.learner_id = enrolment_facts.learner_id"
    " WHERE enrolment_id = ANY($1)"
)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service, kafka_server):
    async with start_service(ReportingSettings, bootstrap) as service:
        events = [confirmed(sex, place, T0 + timedelta(hours=i)) for i, (sex, place) in enumerate(PEOPLE)]
        learners = [registered(e, T0 - timedelta(days=30)) for e in events]
        topics = {"enrolment.enrolments": events, "enrolment.learners": learners}
        await seed(service, kafka_server, topics, ENROLLED_AND_RECORDED, [e.enrolment_id for e in events])
        yield service


async def get(service, path: str, **params) -> dict[str, dict]:
    response = await service.client.get(
        f"/v1/indicators/{path}",
        params={"until": "2026-07-01", **params},
        headers=service.token("u", "leader"),
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_enrolments_by_locality_do_not_give_back_the_total_withheld_by_sex(reporting):
    by_locality = {
        c["group"]: c["enrolments"] for c in (await get(reporting, "enrolments", by="locality"))["cells"]
    }
    by_sex = {c["group"]: c["enrolments"] for c in (await get(reporting, "enrolments", by="sex"))["cells"]}

    assert (by_sex["female"], by_sex["male"], by_sex["other"]) == (12, 7, None)
    assert (by_locality["00004"], by_locality["00008"]) == (13, 8)
    # the attack: 21 enrolments in all (by locality) - 12 women - 7 men = the 2 others
    assert by_locality["all"] is None and by_sex["all"] is None


async def test_participation_by_age_group_and_locality_do_not_give_back_what_by_sex_withholds(reporting):
    by_sex = {
        (c["age_group"], c["sex"]): c["participants"]
        for c in (await get(reporting, "participation", by="sex"))["cells"]
    }
    ages = {
        c["age_group"]: c["participants"]
        for c in (await get(reporting, "participation", by="age_group"))["cells"]
    }
    wards = {
        c["locality_code"]: c["participants"]
        for c in (await get(reporting, "participation", by="locality"))["cells"]
    }

    assert (by_sex[("15-24", "female")], by_sex[("15-24", "male")], by_sex[("15-24", "other")]) == (
        12,
        7,
        None,
    )
    # the attack: 21 young people by age group (or the city by locality) - 12 - 7 = the 2 others
    assert ages["15-24"] is None and ages["15-64"] is None and wards["all"] is None
