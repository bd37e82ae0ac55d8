"""Operating the content service: metrics labels, unknown paths, CORS refusals (the rest: tests/services)."""

import uuid

import pytest
from prometheus_client import generate_latest

pytestmark = pytest.mark.integration

FRONT_END = "https://app.example"


async def test_metrics_count_requests_by_route_template_never_by_raw_id(content):
    course_id = uuid.uuid4()
    await content.client.get(f"/v1/courses/{course_id}")

    metrics = generate_latest(content.runtime.metrics.registry).decode()  # what the metrics port serves

    assert 'http_requests_total{method="GET",route="/v1/courses/{course_id}",status="404"}' in metrics
    assert str(course_id) not in metrics
    assert "outbox_backlog " in metrics


async def test_an_unknown_path_is_a_404_problem(content, problem):
    problem(await content.client.get("/v1/nothing-here"), 404)


async def test_another_origin_gets_no_cors_grant(content):
    response = await content.client.options(
        "/v1/courses", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )

    assert "access-control-allow-origin" not in response.headers
