"""Materials over HTTP: published on a course, listed once the course is public, withdrawn, refused."""

import uuid

import pytest

pytestmark = pytest.mark.integration


async def material_events(content, course_id: str) -> list[str]:
    rows = await content.db.fetch(
        "SELECT event_type FROM outbox WHERE message_key = $1 AND event_type LIKE '%material%' ORDER BY seq",
        course_id,
    )
    return [r["event_type"].split(".")[-2] for r in rows]


async def test_materials_of_a_published_course_are_public_and_withdrawn_by_their_author(
    content, department, published_course, video
):
    course = await published_course()
    url = f"/v1/courses/{course['id']}/materials"
    activity = {**video, "kind": "xapi", "xapi_activity_id": "https://hoctap.example/xapi/lua-1"}
    added = await content.client.post(url, json=activity, headers=department)
    assert added.status_code == 201, added.text

    listed = (await content.client.get(url)).json()
    assert [m["kind"] for m in listed] == ["video", "xapi"] and listed[1]["licence"] == "CC-BY-4.0"

    retired = await content.client.post(f"/v1/materials/{added.json()['id']}/retire", headers=department)
    assert retired.json()["retired"] is True
    assert [m["kind"] for m in (await content.client.get(url)).json()] == ["video"]
    assert await material_events(content, course["id"]) == ["published", "published", "retired"]


async def test_materials_of_a_draft_are_not_public(content, department, new_course_body, video, problem):
    draft = (await content.client.post("/v1/courses", json=new_course_body(), headers=department)).json()
    await content.client.post(f"/v1/courses/{draft['id']}/materials", json=video, headers=department)

    problem(await content.client.get(f"/v1/courses/{draft['id']}/materials"), 404)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"url": "http://hoctap.example/a.pdf"}, "url"),
        ({"checksum": "sha256:xyz"}, "checksum"),
        ({"size_bytes": 0}, "size_bytes"),
        ({"size_bytes": 10**30}, "size_bytes"),
        ({"kind": "hologram"}, "kind"),
        ({"kind": "xapi"}, "xapi_activity_id"),
    ],
)
async def test_bad_materials_are_422_naming_the_field(
    content, department, published_course, video, problem, change, field
):
    course = await published_course()
    response = await content.client.post(
        f"/v1/courses/{course['id']}/materials", json={**video, **change}, headers=department
    )
    assert problem(response, 422)["errors"][0]["loc"] == ["body", field]


async def test_another_provider_cannot_add_or_withdraw_materials(content, published_course, video, problem):
    mine, theirs = content.token("centre-a", "provider"), content.token("centre-b", "provider")
    course = await published_course(headers=mine)
    [material] = (await content.client.get(f"/v1/courses/{course['id']}/materials")).json()

    problem(
        await content.client.post(f"/v1/courses/{course['id']}/materials", json=video, headers=theirs), 403
    )
    problem(await content.client.post(f"/v1/materials/{material['id']}/retire", headers=theirs), 403)


async def test_an_unknown_material_is_404(content, department, problem):
    problem(await content.client.post(f"/v1/materials/{uuid.uuid4()}/retire", headers=department), 404)
