"""Operating the notifications service: health, metrics, API and event catalogues, CORS."""

FRONT_END = "https://app.example"


async def test_is_live(notifications):
    assert (await notifications.client.get("/health/live")).status_code == 200


async def test_is_ready_when_postgresql_and_kafka_answer(notifications):
    response = await notifications.client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {"postgresql": "ok", "kafka": "ok"}


async def test_metrics_expose_requests_and_outbox_backlog(notifications):
    await notifications.client.get("/health/live")

    metrics = (await notifications.client.get("/metrics")).text

    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in metrics
    assert "outbox_backlog " in metrics


async def test_openapi_lists_the_messages_route(notifications):
    paths = (await notifications.client.get("/openapi.json")).json()["paths"]

    assert "get" in paths["/v1/learners/{learner_id}/messages"]


async def test_asyncapi_describes_the_event_catalogue(notifications):
    assert (await notifications.client.get("/asyncapi.json")).json()["asyncapi"] == "3.0.0"


async def test_the_front_end_origin_passes_a_cors_preflight(notifications):
    response = await notifications.client.options(
        "/v1/learners/x/messages",
        headers={"Origin": FRONT_END, "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == FRONT_END
