"""Authoring: drafts, publishing versions, retiring; roles; what reaches the outbox and Kafka."""

import uuid

import pytest
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration

CONTENT_EVENT = "vn.hanoi.learningcity.content.{}"


async def outbox_of(content, aggregate_id: str) -> list[str]:
    rows = await content.db.fetch(
        "SELECT event_type FROM outbox WHERE message_key = $1 ORDER BY seq", aggregate_id
    )
    return [r["event_type"].removeprefix("vn.hanoi.learningcity.content.") for r in rows]


async def counts(content) -> tuple[int, int]:
    return tuple(
        await content.db.fetchrow("SELECT (SELECT count(*) FROM courses), (SELECT count(*) FROM outbox)")
    )


async def test_a_draft_is_not_public_and_announces_nothing(content, department, new_course_body):
    created = await content.client.post("/v1/courses", json=new_course_body(), headers=department)

    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["status"], body["version"], body["published"]) == ("draft", 0, None)
    assert (await content.client.get(f"/v1/courses/{body['id']}")).status_code == 404
    assert await outbox_of(content, body["id"]) == []


async def test_publishing_announces_v2_and_v1_and_kafka_gets_them(content, published_course):
    course = await published_course(title_en=None)

    assert await outbox_of(content, course["id"]) == [
        "material.published.v1",
        "course.published.v2",
        "course.published.v1",
    ]
    topic = content.runtime.settings.topic_prefix + "content.courses"
    records = [
        r
        for r in await read_topic(content.runtime.settings.kafka_bootstrap, topic, expected=3)
        if r.key == course["id"].encode()
    ]
    assert [dict(r.headers)["ce_type"].decode() for r in records] == [
        CONTENT_EVENT.format("material.published.v1"),
        CONTENT_EVENT.format("course.published.v2"),
        CONTENT_EVENT.format("course.published.v1"),
    ]
    public = (await content.client.get(f"/v1/courses/{course['id']}")).json()
    assert (public["version"], public["title_vi"], public["title_en"]) == (1, "Phòng chống thiên tai", None)


async def test_an_edit_of_a_published_course_is_a_new_version_the_public_sees_only_once_published(
    content, department, published_course, new_course_body
):
    course = await published_course()
    url = f"/v1/courses/{course['id']}"
    edit = {k: v for k, v in new_course_body(title_vi="Phòng chống lũ quét").items() if k != "code"}

    edited = await content.client.put(f"{url}/draft", json=edit, headers=department)

    assert edited.status_code == 200, edited.text
    assert (await content.client.get(url)).json()["title_vi"] == "Phòng chống thiên tai"
    await content.client.post(f"{url}/publish", headers=department)
    public = (await content.client.get(url)).json()
    assert (public["version"], public["title_vi"]) == (2, "Phòng chống lũ quét")
    assert (await outbox_of(content, course["id"]))[1:] == [
        "course.published.v2",
        "course.published.v1",
        "course.updated.v1",
    ]
    versions = await content.db.fetchval(
        "SELECT count(*) FROM course_versions WHERE course_id = $1", uuid.UUID(course["id"])
    )
    assert versions == 2


async def test_retiring_hides_the_course_and_announces_it(content, department, published_course):
    course = await published_course()
    url = f"/v1/courses/{course['id']}"

    retired = await content.client.post(f"{url}/retire", headers=department)

    assert retired.json()["status"] == "retired"
    assert (await content.client.get(url)).status_code == 404
    assert (await outbox_of(content, course["id"]))[-1] == "course.retired.v1"


async def test_a_provider_authors_its_own_courses_and_gets_403_on_anothers(
    content, published_course, problem
):
    mine = content.token("centre-a", "provider")
    theirs = content.token("centre-b", "provider")
    course = await published_course(headers=mine)
    assert course["provider"] == "centre-a"
    before = await counts(content)

    for method, path in [("post", "publish"), ("post", "retire"), ("get", "draft")]:
        response = await getattr(content.client, method)(f"/v1/courses/{course['id']}/{path}", headers=theirs)
        assert problem(response, 403)["type"].endswith("/forbidden")
    assert await counts(content) == before


async def test_a_provider_cannot_create_a_course_for_another_provider(content, new_course_body, problem):
    response = await content.client.post(
        "/v1/courses",
        json=new_course_body(provider="centre-b"),
        headers=content.token("centre-a", "provider"),
    )
    problem(response, 403)


async def test_a_learner_may_not_author(content, new_course_body, problem):
    before = await counts(content)
    response = await content.client.post(
        "/v1/courses", json=new_course_body(), headers=content.token("learner-1", "learner")
    )
    assert problem(response, 403)["type"].endswith("/forbidden")
    assert await counts(content) == before


async def test_authoring_needs_a_bearer_token(content, new_course_body, problem):
    assert problem(await content.client.post("/v1/courses", json=new_course_body()), 401)["type"].endswith(
        "/unauthorized"
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_vi": "  "}, "title_vi"),
        ({"description_vi": ""}, "description_vi"),
        ({"theme": "astrology"}, "theme"),
        ({"code": "nn 1"}, "code"),
        ({"duration_hours": 0}, "duration_hours"),
        ({"audience": [{"rule": "age_between", "min_age": 18, "max_age": 15}]}, "audience"),
    ],
)
async def test_bad_courses_are_422_naming_the_field_and_write_nothing(
    content, department, new_course_body, problem, overrides, field
):
    before = await counts(content)
    response = await content.client.post("/v1/courses", json=new_course_body(**overrides), headers=department)
    assert problem(response, 422)["errors"][0]["loc"] == ["body", field]
    assert await counts(content) == before


async def test_a_missing_vietnamese_title_is_422(content, department, new_course_body, problem):
    body = new_course_body()
    del body["title_vi"]
    assert problem(await content.client.post("/v1/courses", json=body, headers=department), 422)["errors"][0][
        "loc"
    ] == ["body", "title_vi"]


async def test_a_taken_code_is_a_conflict(content, department, new_course_body, problem):
    body = new_course_body()
    await content.client.post("/v1/courses", json=body, headers=department)
    assert problem(await content.client.post("/v1/courses", json=body, headers=department), 409)[
        "type"
    ].endswith("/course-rule")


async def test_a_course_without_a_material_cannot_be_published(content, department, new_course_body, problem):
    draft = (await content.client.post("/v1/courses", json=new_course_body(), headers=department)).json()

    response = await content.client.post(f"/v1/courses/{draft['id']}/publish", headers=department)

    assert "material" in problem(response, 409)["detail"]
    assert await outbox_of(content, draft["id"]) == []


async def test_publishing_twice_without_an_edit_is_a_conflict(content, department, published_course, problem):
    course = await published_course()
    problem(await content.client.post(f"/v1/courses/{course['id']}/publish", headers=department), 409)


async def test_an_unknown_course_is_404(content, department, problem):
    problem(await content.client.post(f"/v1/courses/{uuid.uuid4()}/publish", headers=department), 404)
