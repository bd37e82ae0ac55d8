"""Requests that race past enrolment's one read before the lock, on real PostgreSQL: the unique index and the
offering's row lock still decide (409 for a second place of one learner; seats counted on the latest row)."""

import asyncio

import pytest

pytestmark = pytest.mark.integration
WAITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
)


async def post(enrolment, offering_id, learner_id):
    body = {"offering_id": str(offering_id), "learner_id": str(learner_id)}
    headers = enrolment.token("officer-1", "enrolment-officer", localities=["00004"])
    return await enrolment.client.post("/v1/enrolments", json=body, headers=headers)


async def behind_the_lock(enrolment, offering_id, *learners):
    """Hold the offering's row lock until every request waits on it (each has read before the lock: no
    place yet, every seat free), then let go; the responses."""
    async with enrolment.db.acquire() as conn, conn.transaction():
        await conn.execute("SELECT 1 FROM offerings WHERE id = $1 FOR UPDATE", offering_id)
        sent = [asyncio.create_task(post(enrolment, offering_id, who)) for who in learners]
        async with asyncio.timeout(30):
            while await conn.fetchval(WAITING) < len(learners) and not any(t.done() for t in sent):
                await conn.execute("SELECT pg_stat_clear_snapshot()")  # a transaction sees one otherwise
                await asyncio.sleep(0.02)
    return await asyncio.gather(*sent)


async def test_one_learner_twice_at_once_gets_one_place_and_a_409(enrolment, offering, learner, problem):
    offering_id, who = await offering(capacity=10), await learner()
    events_before = await enrolment.db.fetchval("SELECT count(*) FROM outbox")

    responses = await behind_the_lock(enrolment, offering_id, who, who)

    assert sorted(r.status_code for r in responses) == [201, 409], [r.text for r in responses]
    refused = next(r for r in responses if r.status_code == 409)
    assert problem(refused, 409)["type"].endswith("already-enrolled")
    places = await enrolment.db.fetchval("SELECT count(*) FROM enrolments WHERE learner_id = $1", who)
    assert places == 1
    events = await enrolment.db.fetchval("SELECT count(*) FROM outbox") - events_before
    assert events == 1  # the refused request's event was rolled back with it


async def test_learners_waiting_on_the_lock_count_the_seats_taken_while_they_waited(
    enrolment, offering, learner
):
    offering_id = await offering(capacity=2)
    learners = [await learner() for _ in range(4)]

    responses = await behind_the_lock(enrolment, offering_id, *learners)

    assert sorted(r.json()["status"] for r in responses) == ["confirmed"] * 2 + ["waitlisted"] * 2
    confirmed = await enrolment.db.fetchval("SELECT confirmed FROM offerings WHERE id = $1", offering_id)
    assert confirmed == 2
