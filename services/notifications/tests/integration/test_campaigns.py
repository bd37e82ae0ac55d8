"""Campaigns against real PostgreSQL, Kafka and SMTP: audience from enrolment's events, HTTP control, a
fan-out that survives a restart mid-campaign without mailing anyone twice."""

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import pytest
from contracts.events.enrolment import LearnerContactsChangedV1, LearnerRegisteredV1
from localinfra.polling import eventually
from notifications.bootstrap import NotificationsSettings, bootstrap
from servicekit.http.auth import issue_dev_token

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
LOCALITY = "00070"


def registered(learner: uuid.UUID, locality: str = LOCALITY) -> LearnerRegisteredV1:
    return LearnerRegisteredV1(
        learner_id=learner,
        sex="female",
        age_band="25-54",
        locality_code=locality,
        ethnic_minority=True,
        support_categories=["ethnic_minority"],
        learner_type="resident",
        registered_at=T0,
    )


def contacts(learner: uuid.UUID) -> LearnerContactsChangedV1:
    return LearnerContactsChangedV1(
        learner_id=learner, email=f"{learner}@example.vn", language="vi", consent=["email"], changed_at=T0
    )


def campaign_body(locality: str, start: datetime) -> dict:
    return {
        "name": "Tuần lễ học tập suốt đời",
        "goal": "awareness of Hanoi as a UNESCO learning city",
        "body_vi": "Hà Nội là thành phố học tập. Hủy: {{ unsubscribe_url }}",
        "body_en": "Hanoi is a learning city. Unsubscribe: {{ unsubscribe_url }}",
        "channels": ["email"],
        "scheduled_at": start.isoformat(),
        "segment": {"localities": [locality], "ethnic_minority": True},
    }


async def audience_of(service, publish, count: int, locality: str) -> list[uuid.UUID]:
    learners = [uuid.uuid4() for _ in range(count)]
    await publish(service, *[contacts(x) for x in learners])
    await publish(service, *[registered(x, locality) for x in learners])
    query = (
        "SELECT count(*) = $2 FROM audience a JOIN learner_contacts c USING (learner_id)"
        " WHERE a.learner_id = ANY($1)"
    )
    await eventually(lambda: service.db.fetchval(query, learners, count))
    return learners


def staff(service) -> dict[str, str]:
    return service.token("comms-1", "communication-officer")


async def test_bad_campaigns_are_422_and_only_staff_may_create(notifications, problem):
    past = campaign_body(LOCALITY, datetime.now(UTC) - timedelta(minutes=5))
    empty = {**campaign_body(LOCALITY, datetime.now(UTC) + timedelta(hours=1)), "segment": {}}

    assert problem(
        await notifications.client.post("/v1/campaigns", json=past, headers=staff(notifications)), 422
    )["errors"][0]["loc"] == ["body", "scheduled_at"]
    assert problem(
        await notifications.client.post("/v1/campaigns", json=empty, headers=staff(notifications)), 422
    )["errors"][0]["loc"] == ["body", "segment"]
    learner = notifications.token(str(uuid.uuid4()), "learner")
    problem(await notifications.client.post("/v1/campaigns", json=past, headers=learner), 403)


async def test_a_campaign_reaches_its_segment_by_email_and_can_be_cancelled(
    notifications, publish, mail_sink
):
    locality = f"{secrets.randbelow(90000) + 10000}"
    learners = await audience_of(notifications, publish, 3, locality)
    await audience_of(notifications, publish, 1, "00001")  # another locality: not reached

    created = await notifications.client.post(
        "/v1/campaigns",
        json=campaign_body(locality, datetime.now(UTC) + timedelta(seconds=1)),
        headers=staff(notifications),
    )
    assert created.status_code == 201, created.text
    url = f"/v1/campaigns/{created.json()['id']}"

    done = await eventually(lambda: _finished(notifications, url))
    assert done["reached"] == 3
    addresses = {f"{x}@example.vn" for x in learners}
    mails = await eventually(lambda: _mails(mail_sink, addresses, 3))
    assert all("Hà Nội là thành phố học tập. Hủy: http" in m.body for m in mails)
    finished_already = await notifications.client.post(f"{url}/cancel", headers=staff(notifications))
    assert finished_already.status_code == 409


async def _finished(service, url: str):
    view = (await service.client.get(url, headers=staff(service))).json()
    return view if view["status"] == "finished" else None


async def _mails(sink, addresses: set[str], count: int):
    mine = [m for m in sink.messages if set(m.recipients) & addresses]
    return mine if len(mine) >= count else None


@asynccontextmanager
async def running(settings: NotificationsSettings) -> AsyncIterator[httpx.AsyncClient]:
    """One life of the service on `settings` (same database each time): started, then stopped."""
    service = bootstrap(settings)
    async with service.app.router.lifespan_context(service.app):
        await service.runtime.connected(timeout=60)
        transport = httpx.ASGITransport(app=service.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield client


async def test_a_restart_mid_campaign_mails_each_learner_exactly_once(
    notifications, publish, mail_sink, fresh_database
):
    size = 24
    learners = await audience_of(notifications, publish, size, "00999")
    base = notifications.runtime.settings
    # Its own database and topic prefix; slow sending (one message per cycle, 8 a second) so the stop
    # lands mid-campaign.
    database = await fresh_database("notifications")
    changes = dict(
        database_url=database.runtime,
        migration_database_url=database.migration,
        topic_prefix=f"t{uuid.uuid4().hex[:8]}.",
        delivery_batch_size=1,
        channel_rate_per_second=8.0,
    )
    settings = NotificationsSettings(**{**base.model_dump(), **changes})
    await asyncio.to_thread(bootstrap(settings).runtime.migrate)
    token = {"Authorization": f"Bearer {issue_dev_token(settings, 'comms-1', ['communication-officer'])}"}
    addresses = {f"{x}@example.vn" for x in learners}

    async with running(settings) as client:
        await _copy_audience(notifications, learners, settings)
        body = campaign_body("00999", datetime.now(UTC) + timedelta(milliseconds=200))
        url = f"/v1/campaigns/{(await client.post('/v1/campaigns', json=body, headers=token)).json()['id']}"
        await eventually(lambda: _mails(mail_sink, addresses, 3))
    stopped_at = len([m for m in mail_sink.messages if set(m.recipients) & addresses])
    assert stopped_at < size  # the stop came mid-campaign

    async with running(settings) as client:
        await eventually(lambda: _finished_view(client, url, token))
        await eventually(lambda: _mails(mail_sink, addresses, size))

    mails = [m for m in mail_sink.messages if set(m.recipients) & addresses]
    assert sorted(r for m in mails for r in m.recipients) == sorted(addresses)  # each exactly once


async def _finished_view(client, url, token):
    view = (await client.get(url, headers=token)).json()
    return view["status"] == "finished" and view["reached"] == 24


async def _copy_audience(source, learners, settings) -> None:
    """The restart test's own database gets the same audience and contacts (rows, as the consumers write)."""
    rows = await source.db.fetch("SELECT * FROM audience WHERE learner_id = ANY($1)", learners)
    cons = await source.db.fetch("SELECT * FROM learner_contacts WHERE learner_id = ANY($1)", learners)
    conn = await asyncpg.connect(settings.database_url.get_secret_value())
    try:
        for table, found in (("audience", rows), ("learner_contacts", cons)):
            columns = list(found[0].keys())
            marks = ", ".join(f"${i + 1}" for i in range(len(columns)))
            await conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [tuple(r.values()) for r in found],
            )
    finally:
        await conn.close()
