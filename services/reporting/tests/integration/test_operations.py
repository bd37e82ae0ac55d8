"""Operating the reporting service: health, metrics, API and event catalogues, CORS."""

FRONT_END = "https://app.example"


async def test_is_live(reporting):
    assert (await reporting.client.get("/health/live")).status_code == 200


async def test_is_ready_when_postgresql_and_kafka_answer(reporting):
    response = await reporting.client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {"postgresql": "ok", "kafka": "ok"}


async def test_metrics_expose_requests_and_outbox_backlog(reporting):
    await reporting.client.get("/health/live")

    metrics = (await reporting.client.get("/metrics")).text

    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in metrics
    assert "outbox_backlog " in metrics


async def test_openapi_lists_the_statistics_route(reporting):
    paths = (await reporting.client.get("/openapi.json")).json()["paths"]

    assert "get" in paths["/v1/statistics/enrolments"]


async def test_asyncapi_describes_the_event_catalogue(reporting):
    assert (await reporting.client.get("/asyncapi.json")).json()["asyncapi"] == "3.0.0"


async def test_the_front_end_origin_passes_a_cors_preflight(reporting):
    response = await reporting.client.options(
        "/v1/statistics/enrolments",
        headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "Authorization",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == FRONT_END
