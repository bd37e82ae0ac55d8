"""Authoring requests the service refuses before any rule runs: unsafe bodies, oversized bodies."""

import pytest

pytestmark = pytest.mark.integration


async def test_an_invalid_body_is_422_naming_the_fields_but_not_their_values(
    content, department, new_course_body, problem
):
    body = new_course_body(delivery_mode="secret-value", duration_hours="12", unexpected="secret-extra")

    response = await content.client.post("/v1/courses", json=body, headers=department)

    errors = problem(response, 422)["errors"]
    assert {tuple(e["loc"]) for e in errors} == {
        ("body", "delivery_mode"),
        ("body", "duration_hours"),
        ("body", "unexpected"),
    }
    assert "secret-value" not in response.text and "secret-extra" not in response.text


async def test_a_body_over_the_size_limit_is_413(content, department, new_course_body, problem):
    response = await content.client.post(
        "/v1/courses", json=new_course_body(description_vi="x" * 5000), headers=department
    )
    assert problem(response, 413)["type"].endswith("/too-large")


async def test_a_streamed_body_over_the_size_limit_is_413(content, department, problem):
    async def chunks():
        yield b'{"title_en": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    response = await content.client.post(
        "/v1/courses", content=chunks(), headers={**department, "Content-Type": "application/json"}
    )
    problem(response, 413)
