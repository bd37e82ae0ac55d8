"""Use case: an editor publishes a course; it is stored and announced through the outbox, or refused."""

import uuid

import pytest

pytestmark = pytest.mark.integration

PUBLISHED = "vn.hanoi.learningcity.content.course.published.v1"


def new_course(**overrides) -> dict:
    return {
        "code": f"T-{uuid.uuid4().hex[:8].upper()}",
        "title_vi": "Phòng chống thiên tai",
        "title_en": "Disaster preparedness",
        "theme": "disaster_prevention",
        "delivery_mode": "online",
        "capacity": 30,
        **overrides,
    }


@pytest.fixture
def editor(content) -> dict[str, str]:
    return content.token("editor-1", "content-editor")


async def rows(content) -> tuple[int, int]:
    return await content.db.fetchrow("SELECT (SELECT count(*) FROM courses), (SELECT count(*) FROM outbox)")


async def test_a_published_course_can_be_read_back(content, editor):
    course = new_course()

    created = await content.client.post("/v1/courses", json=course, headers=editor)

    assert created.status_code == 201, created.text
    body = created.json()
    assert {k: body[k] for k in course} == course and body["published_at"]
    read = await content.client.get(f"/v1/courses/{body['id']}")
    assert read.status_code == 200 and read.json() == body


async def test_publishing_writes_exactly_one_course_published_row_to_the_outbox(content, editor):
    created = await content.client.post("/v1/courses", json=new_course(capacity=None), headers=editor)

    course_id = created.json()["id"]
    outbox = await content.db.fetch("SELECT topic, event_type FROM outbox WHERE message_key = $1", course_id)
    assert [tuple(r) for r in outbox] == [("content.courses", PUBLISHED)]


async def test_a_taken_code_is_a_conflict_and_writes_nothing(content, editor, problem):
    course = new_course()
    await content.client.post("/v1/courses", json=course, headers=editor)
    before = await rows(content)

    again = await content.client.post("/v1/courses", json={**course, "title_en": "Other"}, headers=editor)

    assert problem(again, 409)["type"].endswith("/course-rule")
    assert await rows(content) == before


@pytest.mark.parametrize("code", ["nn-101", "N", "NN 101"])
async def test_a_malformed_code_is_an_invalid_request(content, editor, problem, code):
    response = await content.client.post("/v1/courses", json=new_course(code=code), headers=editor)

    assert problem(response, 422)["errors"][0]["loc"] == ["body", "code"]


async def test_an_invalid_body_is_422_naming_the_fields_but_not_their_values(content, editor, problem):
    body = new_course(theme="secret-value", capacity=0, unexpected="secret-extra")

    response = await content.client.post("/v1/courses", json=body, headers=editor)

    errors = problem(response, 422)["errors"]
    assert {tuple(e["loc"]) for e in errors} == {
        ("body", "theme"),
        ("body", "capacity"),
        ("body", "unexpected"),
    }
    assert "secret-value" not in response.text and "secret-extra" not in response.text


async def test_publishing_needs_a_bearer_token(content, problem):
    response = await content.client.post("/v1/courses", json=new_course())

    assert problem(response, 401)["type"].endswith("/unauthorized")


async def test_a_token_signed_with_another_key_is_refused(content, problem):
    forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXX0.c2lnbmF0dXJl"

    response = await content.client.post(
        "/v1/courses", json=new_course(), headers={"Authorization": f"Bearer {forged}"}
    )

    problem(response, 401)


async def test_a_learner_may_not_publish(content, problem):
    before = await rows(content)

    response = await content.client.post(
        "/v1/courses", json=new_course(), headers=content.token("learner-1", "learner")
    )

    assert problem(response, 403)["type"].endswith("/forbidden")
    assert await rows(content) == before


async def test_a_body_over_the_size_limit_is_413(content, editor, problem):
    response = await content.client.post("/v1/courses", json=new_course(title_en="x" * 5000), headers=editor)

    assert problem(response, 413)["type"].endswith("/too-large")


async def test_a_streamed_body_over_the_size_limit_is_413(content, editor, problem):
    async def chunks():
        yield b'{"title_en": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    response = await content.client.post(
        "/v1/courses", content=chunks(), headers={**editor, "Content-Type": "application/json"}
    )

    problem(response, 413)
