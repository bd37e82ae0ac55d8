"""Use case: anyone browses the published catalogue, newest first, one page at a time."""

import uuid

import pytest

pytestmark = pytest.mark.integration


async def publish(content, n: int) -> list[str]:
    headers = content.token("editor-1", "content-editor")
    ids = []
    for i in range(n):
        course = {
            "code": f"B-{uuid.uuid4().hex[:8].upper()}",
            "title_vi": f"Khóa {i}",
            "title_en": f"Course {i}",
            "theme": "digital_skills",
            "delivery_mode": "blended",
            "capacity": None,
        }
        response = await content.client.post("/v1/courses", json=course, headers=headers)
        ids.append(response.json()["id"])
    return ids


async def test_pages_list_published_courses_newest_first_without_overlap(content):
    first, second, third = await publish(content, 3)

    page_1 = await content.client.get("/v1/courses", params={"limit": 2})
    page_2 = await content.client.get("/v1/courses", params={"limit": 2, "offset": 2})

    assert [c["id"] for c in page_1.json()] == [third, second]
    assert page_2.json()[0]["id"] == first
    assert page_2.json()[0]["title_en"] == "Course 0"


async def test_a_page_past_the_end_is_empty(content):
    await publish(content, 1)

    response = await content.client.get("/v1/courses", params={"offset": 10_000})

    assert response.status_code == 200 and response.json() == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "many"}])
async def test_a_page_request_out_of_range_is_422(content, problem, params):
    problem(await content.client.get("/v1/courses", params=params), 422)


async def test_an_unknown_course_is_404(content, problem):
    response = await content.client.get(f"/v1/courses/{uuid.uuid4()}")

    assert problem(response, 404)["type"].endswith("/not-found")


async def test_a_malformed_course_id_is_422(content, problem):
    problem(await content.client.get("/v1/courses/not-a-uuid"), 422)
