"""Partner cities' courses: imported through the bulk import's validation, marked with their origin (city,
address, original id) in course reads and in the feed; the same file twice changes nothing."""

import json
import uuid

import pytest

pytestmark = pytest.mark.integration
CITY = {"city": "Yeonsu-gu, Incheon", "url": "https://learning.yeonsu.example/feed"}


def partner_file(new_course_body, tag: str, **row) -> dict:
    course = new_course_body(code=f"{tag}-1", title_en="Healthy ageing", **row)
    return {**CITY, "courses": [{**course, "original_id": "YS-2026-017"}]}


async def post(content, body, headers):
    return await content.client.post("/v1/imports/partner-courses", json=body, headers=headers)


def code_tag() -> str:
    return "PC" + uuid.uuid4().hex[:6].upper()


async def test_partner_courses_carry_their_origin_into_reads_and_the_feed(
    content, department, new_course_body, video
):
    tag = code_tag()
    imported = await post(content, partner_file(new_course_body, tag), department)
    assert imported.status_code == 200, imported.text
    [row] = imported.json()["rows"]
    course = await content.db.fetchval("SELECT id FROM courses WHERE code = $1", f"{tag}-1")

    draft = (await content.client.get(f"/v1/courses/{course}/draft", headers=department)).json()
    await content.client.post(f"/v1/courses/{course}/materials", json=video, headers=department)
    await content.client.post(f"/v1/courses/{course}/publish", headers=department)
    public = (await content.client.get(f"/v1/courses/{course}")).json()
    feed = (await content.client.get("/v1/feed/courses", params={"limit": 200})).json()["items"]

    origin = {**CITY, "original_id": "YS-2026-017"}
    assert row["outcome"] == "created" and draft["origin"] == origin and public["origin"] == origin
    assert [c["origin"] for c in feed if c["id"] == str(course)] == [origin]
    event = await content.db.fetchval(
        "SELECT payload FROM outbox WHERE message_key = $1 AND event_type LIKE '%course.published.v2'",
        str(course),
    )
    assert json.loads(event)["origin"] == origin  # the new optional field of course.published.v2


async def test_the_same_partner_file_twice_changes_nothing(content, department, new_course_body):
    body = partner_file(new_course_body, code_tag())
    await post(content, body, department)
    again = await post(content, body, department)

    assert again.status_code == 200 and again.json()["unchanged"] == 1 and again.json()["created"] == 0


async def test_bad_partner_rows_are_refused_like_a_bulk_import_and_nothing_is_written(
    content, department, new_course_body, problem
):
    tag = code_tag()
    body = partner_file(new_course_body, tag)
    body["courses"].append({**new_course_body(code=f"{tag}-2", theme="astrology"), "original_id": "x"})
    body["courses"].append({**new_course_body(code=f"{tag}-3")})  # no original id

    report = problem(await post(content, body, department), 422)

    assert {(e["row"], e["field"]) for e in report["errors"]} == {(2, "theme"), (3, "original_id")}
    assert await content.db.fetchval("SELECT count(*) FROM courses WHERE code LIKE $1", f"{tag}%") == 0


async def test_a_course_of_hanoi_is_not_taken_over_by_a_partner_file(
    content, department, new_course_body, problem
):
    tag = code_tag()
    ours = new_course_body(code=f"{tag}-1", title_en="Healthy ageing")
    await content.client.post("/v1/courses", json=ours, headers=department)

    report = problem(await post(content, partner_file(new_course_body, tag), department), 422)

    assert report["errors"] == [
        {"loc": ["body", 1, "code"], "type": "taken-by-another-origin", "row": 1, "field": "code"}
    ]


@pytest.mark.parametrize(
    "origin", [{"city": "", "url": "https://a.example"}, {"city": "A", "url": "ftp://a"}]
)
async def test_an_origin_without_a_city_or_an_https_address_is_422(
    content, department, new_course_body, problem, origin
):
    body = {**partner_file(new_course_body, code_tag()), **origin}
    problem(await post(content, body, department), 422)


async def test_only_the_department_imports_partner_courses(content, new_course_body, problem):
    provider = content.token("centre-a", "provider")
    problem(await post(content, partner_file(new_course_body, code_tag()), provider), 403)


async def test_a_row_that_is_not_a_course_at_all_is_named_as_the_row_in_the_problem_shape(
    content, department, problem
):
    # found by the schema-driven fuzzer: the error had `field: null` and no `loc`, off the documented shape
    body = {"city": "Yangon", "url": "https://yangon.example", "courses": [None]}

    report = problem(await post(content, body, department), 422)

    assert report["errors"] == [{"loc": ["body", 1], "type": "model_type", "row": 1, "field": None}]


XAPI = {
    "kind": "xapi",
    "url": "https://learning.yeonsu.example/activities/ageing",
    "checksum": "sha256:" + "b" * 64,
    "size_bytes": 2048,
    "language": "en",
    "licence": "CC-BY-SA-4.0",
    "xapi_activity_id": "https://learning.yeonsu.example/xapi/activities/ageing-1",
}


async def test_partner_courses_bring_their_materials_and_the_same_file_again_adds_none(
    content, department, new_course_body, video
):
    tag = code_tag()
    body = partner_file(new_course_body, tag, materials=[video, XAPI])

    first = await post(content, body, department)
    again = await post(content, body, department)

    assert first.status_code == 200, first.text
    assert again.json()["unchanged"] == 1
    course = await content.db.fetchval("SELECT id FROM courses WHERE code = $1", f"{tag}-1")
    published = await content.client.post(f"/v1/courses/{course}/publish", headers=department)
    assert published.status_code == 200, published.text  # a course is published only with a material
    listed = (await content.client.get(f"/v1/courses/{course}/materials")).json()
    assert [{k: m[k] for k in XAPI if k in m} for m in listed] == [{**video, "xapi_activity_id": None}, XAPI]


async def test_a_partner_file_with_more_materials_adds_only_the_new_ones(
    content, department, new_course_body, video
):
    tag = code_tag()
    await post(content, partner_file(new_course_body, tag, materials=[video]), department)

    grown = await post(content, partner_file(new_course_body, tag, materials=[video, XAPI]), department)

    assert grown.json()["rows"][0]["outcome"] == "updated"
    course = await content.db.fetchval("SELECT id FROM courses WHERE code = $1", f"{tag}-1")
    urls = await content.db.fetch("SELECT url FROM materials WHERE course_id = $1 ORDER BY seq", course)
    assert [r["url"] for r in urls] == [video["url"], XAPI["url"]]


@pytest.mark.parametrize(
    ("material", "field"),
    [
        ({"checksum": "md5:0123"}, "materials.0.checksum"),
        ({"url": "http://insecure.example/a.mp4"}, "materials.0.url"),
        ({"xapi_activity_id": "https://x.example/a"}, "materials.0.xapi_activity_id"),
        ({"size_bytes": 0}, "materials.0.size_bytes"),
        ({"licence": None}, "materials.0.licence"),
    ],
)
async def test_a_bad_partner_material_refuses_the_file_naming_row_and_field(
    content, department, new_course_body, video, problem, material, field
):
    tag = code_tag()
    body = partner_file(new_course_body, tag, materials=[{**video, **material}])

    report = problem(await post(content, body, department), 422)

    assert [(e["row"], e["field"]) for e in report["errors"]] == [(1, field)]
    assert await content.db.fetchval("SELECT count(*) FROM courses WHERE code LIKE $1", f"{tag}%") == 0
