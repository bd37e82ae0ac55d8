"""The open catalogue feed partner cities harvest: no login, published courses with licensed materials,
pages in publication order, and a cursor that later yields what was published since."""

import pytest

pytestmark = pytest.mark.integration


async def harvest(content, cursor: str | None = None, limit: int = 200) -> dict:
    params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    response = await content.client.get("/v1/feed/courses", params=params)  # no Authorization header
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_the_feed_carries_published_courses_with_their_materials_and_licences(
    content, department, published_course, new_course_body, video
):
    course = await published_course(title_en="Flood preparedness")
    extra = await content.client.post(
        f"/v1/courses/{course['id']}/materials", json={**video, "licence": "CC-BY-SA-4.0"}, headers=department
    )
    await content.client.post(f"/v1/materials/{extra.json()['id']}/retire", headers=department)
    draft = (await content.client.post("/v1/courses", json=new_course_body(), headers=department)).json()

    items = {c["id"]: c for c in (await harvest(content))["items"]}

    assert draft["id"] not in items
    mine = items[course["id"]]
    assert mine["title_en"] == "Flood preparedness" and mine["theme"] == "disaster_prevention"
    assert [(m["kind"], m["licence"]) for m in mine["materials"]] == [("video", "CC-BY-4.0")]


async def test_pages_cover_the_catalogue_once_and_the_last_cursor_yields_what_is_published_later(
    content, department, published_course
):
    for _ in range(3):
        await published_course()
    seen, cursor = [], None
    while True:
        page = await harvest(content, cursor, limit=2)
        seen += [c["id"] for c in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = page["next_cursor"]
    later = await published_course()
    following = await harvest(content, await _position_after(content, seen[-1]))

    assert len(seen) == len(set(seen)) >= 3
    assert [c["id"] for c in following["items"]] == [later["id"]]


async def _position_after(content, last_id: str) -> str:
    """The cursor after `last_id`: the harvester keeps the last full page's cursor; here, walk to it."""
    cursor = None
    while True:
        page = await harvest(content, cursor, limit=1)
        if page["items"][0]["id"] == last_id:
            return str(page["next_cursor"])
        cursor = page["next_cursor"]


async def test_a_retired_course_leaves_the_feed(content, department, published_course):
    course = await published_course()
    await content.client.post(f"/v1/courses/{course['id']}/retire", headers=department)

    assert course["id"] not in {c["id"] for c in (await harvest(content))["items"]}


async def test_the_feed_schema_is_documented_with_a_licence_per_material(content):
    schemas = (await content.client.get("/openapi.json")).json()["components"]["schemas"]

    assert "licence" in schemas["FeedMaterial"]["required"]
    assert schemas["FeedCourse"]["properties"]["materials"]["items"] == {
        "$ref": "#/components/schemas/FeedMaterial"
    }


@pytest.mark.parametrize("cursor", ["nonsense", "W10", "WyJ4IiwieSJd"])
async def test_a_cursor_the_feed_did_not_give_is_422(content, problem, cursor):
    problem(await content.client.get("/v1/feed/courses", params={"cursor": cursor}), 422)
