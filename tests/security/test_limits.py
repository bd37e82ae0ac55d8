"""Input bounds: integers that fit their columns, strict numbers, bounded pages, a truthful Allow header."""

import uuid

import pytest
import pytest_asyncio
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from localinfra.catalogue import COURSE, offering_in, publish_course
from notifications.bootstrap import NotificationsSettings
from notifications.bootstrap import bootstrap as notifications_bootstrap

pytestmark = pytest.mark.integration


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def content(start_service):
    async with start_service(ContentSettings, content_bootstrap) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def course(content) -> str:
    """A published course whose offerings the capacity tests schedule (capacity belongs to offerings)."""
    return await publish_course(
        content.client, {**COURSE, "code": "LIM-101"}, headers=content.token("ed", "content-editor")
    )


async def schedule(content, course: str, capacity: object):
    offering = offering_in(days=7, capacity=capacity)
    return await content.client.post(
        f"/v1/courses/{course}/offerings", json=offering, headers=content.token("ed", "content-editor")
    )


@pytest.mark.parametrize("capacity", [2_147_483_648, 10**30, 548675277848])
async def test_a_capacity_beyond_the_column_is_a_422_not_a_500(content, course, problem, capacity):
    response = await schedule(content, course, capacity)
    assert problem(response, 422)["errors"][0]["loc"] == ["body", "capacity"]


async def test_the_largest_capacity_the_column_holds_is_accepted(content, course):
    response = await schedule(content, course, 2_147_483_647)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("capacity", ["30", 30.0, True])
async def test_a_capacity_that_is_not_an_integer_is_refused(content, course, problem, capacity):
    problem(await schedule(content, course, capacity), 422)


@pytest.mark.parametrize(
    "query", ["cursor=92916778836769800192", f"cursor={'A' * 201}", "limit=201", "limit=0", "limit=-1"]
)
async def test_pagination_out_of_bounds_is_a_422_not_a_500(content, problem, query):
    problem(await content.client.get(f"/v1/courses?{query}"), 422)


async def test_a_cursor_past_the_end_is_an_empty_page(content, course):
    first = await content.client.get("/v1/courses?limit=1")
    last = await content.client.get("/v1/courses", params={"limit": 1, "cursor": first.json()["next_cursor"]})
    assert last.status_code == 200 and last.json() == {"items": [], "next_cursor": None}


async def test_a_405_allows_every_method_of_the_path(content, problem):
    response = await content.client.put("/v1/courses")
    problem(response, 405)
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"GET", "POST"}


async def test_a_learners_messages_are_paginated_and_bounded(start_service, problem):
    async with start_service(NotificationsSettings, notifications_bootstrap) as notifications:
        learner = uuid.uuid4()
        await notifications.db.executemany(
            "INSERT INTO messages (id, learner_id, template, body_vi, body_en, created_at, source_event_id)"
            " VALUES ($1, $2, 't', 'vi', 'en', now() - make_interval(secs => $3), $4)",
            [(uuid.uuid4(), learner, i, f"e{i}") for i in range(5)],
        )
        auth = notifications.token(str(learner), "learner")
        url = f"/v1/learners/{learner}/messages"
        first = (await notifications.client.get(f"{url}?limit=1", headers=auth)).json()
        page = await notifications.client.get(
            url, params={"limit": 2, "cursor": first["next_cursor"]}, headers=auth
        )
        everything = await notifications.client.get(url, headers=auth)
        assert page.status_code == everything.status_code == 200
        ids = [m["id"] for m in everything.json()["items"]]
        assert [m["id"] for m in page.json()["items"]] == ids[1:3]  # keyset pages (issue 11), not offsets
        problem(await notifications.client.get(f"{url}?limit=201", headers=auth), 422)
        problem(await notifications.client.get(url, params={"cursor": "x" * 201}, headers=auth), 422)
