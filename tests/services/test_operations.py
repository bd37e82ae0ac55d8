"""Every service is operable the same way: health, readiness, metrics, OpenAPI, AsyncAPI, CORS."""

import pytest
import pytest_asyncio
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment
from localinfra.service_fixtures import FRONT_END
from notifications.bootstrap import NotificationsSettings
from notifications.bootstrap import bootstrap as notifications
from prometheus_client import generate_latest
from reporting.bootstrap import ReportingSettings
from reporting.bootstrap import bootstrap as reporting

pytestmark = pytest.mark.integration

SERVICES = {
    "content": (ContentSettings, content, "/v1/courses"),
    "enrolment": (EnrolmentSettings, enrolment, "/v1/enrolments"),
    "notifications": (NotificationsSettings, notifications, "/v1/learners/{learner_id}/messages"),
    "reporting": (ReportingSettings, reporting, "/v1/statistics/enrolments"),
}


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=list(SERVICES))
async def service(request, start_service):
    settings_class, bootstrap, route = SERVICES[request.param]
    async with start_service(settings_class, bootstrap) as running:
        yield running, route


async def test_is_live(service):
    running, _ = service
    assert (await running.client.get("/health/live")).status_code == 200


async def test_is_ready_when_postgresql_and_kafka_answer(service):
    running, _ = service
    response = await running.client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"postgresql": "ok", "kafka": "ok", "outbox": "ok"}


async def test_metrics_expose_requests_outbox_and_consumer_families(service):
    running, _ = service
    await running.client.get("/health/live")
    metrics = generate_latest(running.runtime.metrics.registry).decode()  # served on the metrics port
    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in metrics
    families = (
        "outbox_backlog",
        "outbox_oldest_unsent_seconds",
        "outbox_relay_stalled_seconds",
        "outbox_refused_rows",
        "consumer_lag",
        "events_dead_lettered",
    )
    for family in families:
        assert f"# TYPE {family}" in metrics


async def test_openapi_lists_its_routes_with_problem_responses(service):
    running, route = service
    paths = (await running.client.get("/openapi.json")).json()["paths"]
    operations = paths[route].values()
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    assert all(op["responses"]["503"]["content"]["application/problem+json"] == problem for op in operations)


async def test_asyncapi_describes_the_event_catalogue(service):
    running, _ = service
    assert (await running.client.get("/asyncapi.json")).json()["asyncapi"] == "3.0.0"


async def test_the_front_end_origin_passes_a_cors_preflight(service):
    running, route = service
    response = await running.client.options(
        route.replace("{learner_id}", "00000000-0000-4000-8000-000000000001"),
        headers={"Origin": FRONT_END, "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == FRONT_END
