"""An enrolment's life over HTTP on real PostgreSQL: withdraw and promotion, progress, completion with the
teacher upgrade, drop; and who may do each."""

import uuid

import pytest

pytestmark = pytest.mark.integration


def officer(enrolment) -> dict[str, str]:
    return enrolment.token("officer-1", "enrolment-officer", localities=["00004"])


async def enrolled(enrolment, offering_id, learner_id) -> str:
    body = {"offering_id": str(offering_id), "learner_id": str(learner_id)}
    response = await enrolment.client.post("/v1/enrolments", json=body, headers=officer(enrolment))
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def event_types(enrolment, enrolment_id: str) -> list[str]:
    rows = await enrolment.db.fetch(
        "SELECT event_type FROM outbox WHERE message_key = $1 ORDER BY seq", enrolment_id
    )
    return [r["event_type"].removeprefix("vn.hanoi.learningcity.enrolment.") for r in rows]


async def act(enrolment, enrolment_id: str, action: str, headers, **body):
    return await enrolment.client.post(
        f"/v1/enrolments/{enrolment_id}/{action}", json=body or None, headers=headers
    )


async def test_withdrawing_gives_the_seat_to_the_supported_learner_first(enrolment, offering, learner):
    offering_id = await offering(capacity=2, reserved=1)
    holder, plain = await learner(), await learner()
    supported = await learner(declared_categories=["disability"])
    await enrolled(enrolment, offering_id, await learner(declared_categories=["disability"]))  # reserved seat
    seat = await enrolled(enrolment, offering_id, holder)  # the offering is full
    waiting_plain = await enrolled(enrolment, offering_id, plain)  # asked first
    waiting_supported = await enrolled(enrolment, offering_id, supported)

    response = await act(enrolment, seat, "withdraw", enrolment.token(str(holder), "learner"))

    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    statuses = dict(
        await enrolment.db.fetch(
            "SELECT id::text, status FROM enrolments WHERE id = ANY($1::uuid[])",
            [waiting_plain, waiting_supported],
        )
    )
    assert statuses == {waiting_plain: "waitlisted", waiting_supported: "confirmed"}
    assert await event_types(enrolment, seat) == ["enrolment.confirmed.v2", "enrolment.withdrawn.v1"]
    promoted = await event_types(enrolment, waiting_supported)
    assert promoted[:2] == ["enrolment.waitlisted.v1", "enrolment.promoted.v1"]
    confirmations = {"enrolment.confirmed.v1", "enrolment.confirmed.v2", "enrolment.promoted.v1"}
    assert [t for t in promoted if t in confirmations] == ["enrolment.promoted.v1"]  # one per place
    assert "support.granted.v1" in promoted  # the promoted learner's benefits come with the seat


async def test_progress_from_the_learner_and_a_city_system_only_rises(enrolment, offering, learner, problem):
    me = await learner()
    enrolment_id = await enrolled(enrolment, await offering(), me)

    mine = await act(enrolment, enrolment_id, "progress", enrolment.token(str(me), "learner"), percent=40)
    city = await act(
        enrolment, enrolment_id, "progress", enrolment.token("city-lms", "city-system"), percent=30
    )
    stranger = await act(
        enrolment, enrolment_id, "progress", enrolment.token(str(uuid.uuid4()), "learner"), percent=90
    )

    assert (mine.json()["status"], mine.json()["progress"]) == ("active", 40)
    assert city.json()["progress"] == 40  # a late, lower report changes nothing
    problem(stranger, 404)
    assert (await event_types(enrolment, enrolment_id))[-1] == "progress.recorded.v1"
    assert problem(await act(enrolment, enrolment_id, "progress", officer(enrolment), percent=101), 422)


async def test_passing_an_upgrading_programme_makes_the_teacher_meet_the_standard(
    enrolment, offering, learner
):
    teacher = await learner(learner_type="teacher")
    await enrolment.db.execute(
        "INSERT INTO teacher_profiles (learner_id, level, qualification) "
        "VALUES ($1, 'primary', 'college_pedagogy')",
        teacher,
    )
    offering_id = await offering(audience=[{"rule": "teachers_below_standard", "level": "primary"}])
    enrolment_id = await enrolled(enrolment, offering_id, teacher)

    response = await act(
        enrolment, enrolment_id, "complete", officer(enrolment), outcome="passed", certificate_id="HN-7"
    )

    assert (response.json()["status"], response.json()["certificate_id"]) == ("completed", "HN-7")
    assert (
        await enrolment.db.fetchval(
            "SELECT qualification FROM teacher_profiles WHERE learner_id = $1", teacher
        )
        == "bachelor_pedagogy"
    )
    attained = await enrolment.db.fetchval(
        "SELECT count(*) FROM outbox WHERE message_key = $1 "
        "AND event_type LIKE '%teacher.standard_attained.v1'",
        str(teacher),
    )
    assert attained == 1
    assert (await event_types(enrolment, enrolment_id))[-1] == "enrolment.completed.v1"


async def test_only_staff_complete_and_drop_and_only_an_active_enrolment_is_dropped(
    enrolment, offering, learner, problem
):
    me = await learner()
    enrolment_id = await enrolled(enrolment, await offering(), me)
    as_me = enrolment.token(str(me), "learner")

    problem(await act(enrolment, enrolment_id, "complete", as_me, outcome="passed"), 403)
    problem(await act(enrolment, enrolment_id, "drop", as_me), 403)
    assert problem(await act(enrolment, enrolment_id, "drop", officer(enrolment)), 409)["type"].endswith(
        "/enrolment-state"
    )
    await act(enrolment, enrolment_id, "progress", as_me, percent=10)

    dropped = await act(enrolment, enrolment_id, "drop", officer(enrolment))

    assert dropped.json()["status"] == "dropped"
    assert (await event_types(enrolment, enrolment_id))[-1] == "enrolment.dropped.v1"
