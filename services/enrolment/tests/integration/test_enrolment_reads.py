"""Reads over HTTP on real PostgreSQL: one enrolment, lists with cursor pages, offerings, the dashboard."""

import uuid

import pytest

pytestmark = pytest.mark.integration


def officer(enrolment) -> dict[str, str]:
    return enrolment.token("officer-1", "enrolment-officer", localities=["00004"])


async def enrolled(enrolment, offering_id, learner_id) -> dict:
    body = {"offering_id": str(offering_id), "learner_id": str(learner_id)}
    response = await enrolment.client.post("/v1/enrolments", json=body, headers=officer(enrolment))
    assert response.status_code == 201, response.text
    return response.json()


async def test_pages_of_enrolments_never_skip_or_repeat(enrolment, offering, learner):
    offering_id = await offering(capacity=10)
    made = [(await enrolled(enrolment, offering_id, await learner()))["id"] for _ in range(5)]
    seen, cursor = [], None

    for _ in range(3):
        params = {"offering_id": str(offering_id), "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (
            await enrolment.client.get("/v1/enrolments", params=params, headers=officer(enrolment))
        ).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]

    assert seen == made and cursor is None


async def test_a_learner_lists_and_reads_only_their_own(enrolment, offering, learner, problem):
    offering_id, me, other = await offering(), await learner(), await learner()
    mine = await enrolled(enrolment, offering_id, me)
    theirs = await enrolled(enrolment, offering_id, other)
    as_me = enrolment.token(str(me), "learner")

    listed = (await enrolment.client.get("/v1/enrolments", headers=as_me)).json()["items"]

    assert [e["id"] for e in listed] == [mine["id"]]
    problem(
        await enrolment.client.get("/v1/enrolments", params={"learner_id": str(other)}, headers=as_me), 403
    )
    problem(await enrolment.client.get(f"/v1/enrolments/{theirs['id']}", headers=as_me), 404)
    assert (await enrolment.client.get(f"/v1/enrolments/{mine['id']}", headers=as_me)).json() == mine


async def test_a_cursor_this_api_did_not_give_is_422(enrolment, problem):
    response = await enrolment.client.get(
        "/v1/enrolments", params={"cursor": "bm90LWEtY3Vyc29y"}, headers=officer(enrolment)
    )

    assert problem(response, 422)["errors"][0]["loc"] == ["query", "cursor"]


async def test_an_offering_shows_seats_left_and_its_waitlist(enrolment, offering, learner, problem):
    offering_id = await offering(capacity=2)
    for _ in range(3):
        await enrolled(enrolment, offering_id, await learner())

    view = (await enrolment.client.get(f"/v1/offerings/{offering_id}", headers=officer(enrolment))).json()
    listed = (
        await enrolment.client.get("/v1/offerings", params={"limit": 200}, headers=officer(enrolment))
    ).json()

    assert (view["capacity"], view["seats_left"], view["waitlisted"], view["status"]) == (2, 0, 1, "open")
    assert view in listed["items"]
    problem(await enrolment.client.get(f"/v1/offerings/{uuid.uuid4()}", headers=officer(enrolment)), 404)


async def test_the_dashboard_shows_my_enrolments_progress_and_benefits(enrolment, offering, learner, problem):
    me = await learner(declared_categories=["near_poor_household"])
    place = await enrolled(enrolment, await offering(), me)
    as_me = enrolment.token(str(me), "learner")
    await enrolment.client.post(f"/v1/enrolments/{place['id']}/progress", json={"percent": 25}, headers=as_me)

    board = (await enrolment.client.get(f"/v1/learners/{me}/dashboard", headers=as_me)).json()

    assert [(e["id"], e["progress"]) for e in board["enrolments"]] == [(place["id"], 25)]
    assert [(b["benefit"], b["category"]) for b in board["benefits"]] == [
        ("fee_reduction_50", "near_poor_household")
    ]
    problem(await enrolment.client.get(f"/v1/learners/{uuid.uuid4()}/dashboard", headers=as_me), 404)
