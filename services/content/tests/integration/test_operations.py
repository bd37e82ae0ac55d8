"""Operating the content service: health, metrics, API and event catalogues, CORS for the front end."""

import uuid

FRONT_END = "https://app.example"


async def test_is_live(content):
    response = await content.client.get("/health/live")

    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_is_ready_when_postgresql_and_kafka_answer(content):
    response = await content.client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {"postgresql": "ok", "kafka": "ok"}


async def test_metrics_count_requests_by_route_template_never_by_raw_id(content):
    course_id = uuid.uuid4()
    await content.client.get(f"/v1/courses/{course_id}")

    metrics = (await content.client.get("/metrics")).text

    assert 'http_requests_total{method="GET",route="/v1/courses/{course_id}",status="404"}' in metrics
    assert str(course_id) not in metrics
    assert "outbox_backlog " in metrics


async def test_openapi_lists_the_catalogue_routes(content):
    paths = (await content.client.get("/openapi.json")).json()["paths"]

    assert {"/v1/courses", "/v1/courses/{course_id}", "/health/ready"} <= paths.keys()
    assert "post" in paths["/v1/courses"] and "get" in paths["/v1/courses"]


async def test_asyncapi_describes_the_event_catalogue(content):
    document = (await content.client.get("/asyncapi.json")).json()

    assert document["asyncapi"] == "3.0.0"


async def test_an_unknown_path_is_a_404_problem(content, problem):
    problem(await content.client.get("/v1/nothing-here"), 404)


async def test_the_front_end_origin_passes_a_cors_preflight(content):
    response = await content.client.options(
        "/v1/courses",
        headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == FRONT_END


async def test_another_origin_gets_no_cors_grant(content):
    response = await content.client.options(
        "/v1/courses", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )

    assert "access-control-allow-origin" not in response.headers
