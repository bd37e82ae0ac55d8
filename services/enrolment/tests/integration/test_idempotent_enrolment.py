"""`Idempotency-Key` on POST /v1/enrolments over HTTP on real PostgreSQL: one enrolment per key."""

import asyncio
import uuid

import pytest

pytestmark = pytest.mark.integration


async def post(enrolment, body: dict, key: str):
    headers = {
        **enrolment.token("officer-1", "enrolment-officer", localities=["00004"]),
        "Idempotency-Key": key,
    }
    return await enrolment.client.post("/v1/enrolments", json=body, headers=headers)


async def count(enrolment, learner_id) -> tuple[int, int]:
    sql = (
        "SELECT (SELECT count(*) FROM enrolments WHERE learner_id = $1), "
        "(SELECT count(*) FROM outbox o JOIN enrolments e ON o.message_key = e.id::text "
        "WHERE e.learner_id = $1)"
    )
    return tuple(await enrolment.db.fetchrow(sql, learner_id))


async def test_a_replay_returns_the_same_response_and_makes_one_enrolment(enrolment, offering, learner):
    someone = await learner()
    body = {"offering_id": str(await offering(capacity=5)), "learner_id": str(someone)}
    key = str(uuid.uuid4())

    first, replay = await post(enrolment, body, key), await post(enrolment, body, key)

    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json() == first.json()
    assert await count(enrolment, someone) == (1, 1)  # one enrolment, its one confirmation event


async def test_the_same_key_with_another_body_is_422_and_changes_nothing(
    enrolment, offering, learner, problem
):
    someone, key = await learner(), str(uuid.uuid4())
    await post(enrolment, {"offering_id": str(await offering()), "learner_id": str(someone)}, key)

    other = await post(enrolment, {"offering_id": str(await offering()), "learner_id": str(someone)}, key)

    assert problem(other, 422)["type"].endswith("/idempotency-key-reused")
    assert await count(enrolment, someone) == (1, 1)


async def test_concurrent_duplicates_make_one_enrolment_and_all_get_its_response(
    enrolment, offering, learner
):
    someone = await learner()
    body = {"offering_id": str(await offering(capacity=5)), "learner_id": str(someone)}
    key = str(uuid.uuid4())

    responses = await asyncio.gather(*(post(enrolment, body, key) for _ in range(5)))

    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert await count(enrolment, someone) == (1, 1)
