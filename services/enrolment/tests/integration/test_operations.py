"""Operating the enrolment service: health, metrics, API and event catalogues, CORS for the front end."""

FRONT_END = "https://app.example"


async def test_is_live(enrolment):
    assert (await enrolment.client.get("/health/live")).status_code == 200


async def test_is_ready_when_postgresql_and_kafka_answer(enrolment):
    response = await enrolment.client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {"postgresql": "ok", "kafka": "ok"}


async def test_metrics_expose_requests_and_outbox_backlog(enrolment):
    await enrolment.client.get("/health/live")

    metrics = (await enrolment.client.get("/metrics")).text

    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in metrics
    assert "outbox_backlog " in metrics


async def test_openapi_lists_the_enrolment_routes(enrolment):
    paths = (await enrolment.client.get("/openapi.json")).json()["paths"]

    assert "post" in paths["/v1/enrolments"]
    assert "get" in paths["/v1/enrolments/{enrolment_id}"]


async def test_asyncapi_describes_the_event_catalogue(enrolment):
    assert (await enrolment.client.get("/asyncapi.json")).json()["asyncapi"] == "3.0.0"


async def test_the_front_end_origin_passes_a_cors_preflight(enrolment):
    response = await enrolment.client.options(
        "/v1/enrolments",
        headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type, traceparent",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == FRONT_END
