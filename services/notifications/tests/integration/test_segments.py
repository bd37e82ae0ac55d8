"""Campaign segments by interest (course theme of the offerings a learner asked for) and not-yet-enrolled."""

import secrets
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from contracts.events.content import OfferingScheduledV1
from contracts.events.enrolment import EnrolmentConfirmedV2, EnrolmentWaitlistedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually

from .test_campaigns import _finished, audience_of, campaign_body, staff
from .test_delivery import handled

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
CONTENT = "/vn/hanoi/learningcity/content"


def offering(theme: str) -> OfferingScheduledV1:
    example = OfferingScheduledV1.model_json_schema()["examples"][0]
    later = datetime.now(UTC).date() + timedelta(days=30)
    return OfferingScheduledV1(
        **{**example, "offering_id": str(uuid.uuid4()), "theme": theme, "starts_on": later}
    )


async def reached(service, segment: dict) -> int:
    body = {**campaign_body("-", datetime.now(UTC) + timedelta(seconds=1)), "segment": segment}
    created = await service.client.post("/v1/campaigns", json=body, headers=staff(service))
    assert created.status_code == 201, created.text
    done = await eventually(lambda: _finished(service, f"/v1/campaigns/{created.json()['id']}"))
    return done["reached"]


async def test_a_campaign_by_interest_reaches_learners_who_asked_for_that_theme_only(notifications, publish):
    locality = f"{secrets.randbelow(90000) + 10000}"
    digital_fan, health_fan, neither = await audience_of(notifications, publish, 3, locality)
    digital, health = offering("digital_skills"), offering("health")
    facts = {**EXAMPLE_FACTS, "locality_code": locality}
    asked = [
        EnrolmentWaitlistedV1(
            **{
                **facts,
                "learner_id": digital_fan,
                "offering_id": digital.offering_id,
                "enrolment_id": uuid.uuid4(),
            },
            waitlisted_at=T0,
        ),
        EnrolmentConfirmedV2(
            **{
                **facts,
                "learner_id": health_fan,
                "offering_id": health.offering_id,
                "enrolment_id": uuid.uuid4(),
            },
            confirmed_at=T0,
        ),
    ]
    await handled(notifications, await publish(notifications, *asked))
    await handled(notifications, await publish(notifications, digital, health, source=CONTENT))

    assert (
        await reached(notifications, {"localities": [locality], "interest_domains": ["digital_skills"]}) == 1
    )
    # waitlisted is not enrolled: only the confirmed learner leaves the not-yet-enrolled segment
    assert await reached(notifications, {"localities": [locality], "not_yet_enrolled": True}) == 2
    reached_ids = await notifications.db.fetch(
        "SELECT learner_id FROM messages WHERE template = 'campaign' AND learner_id = ANY($1)",
        [digital_fan, health_fan, neither],
    )
    assert sorted(r["learner_id"] for r in reached_ids) == sorted([digital_fan, digital_fan, neither])
