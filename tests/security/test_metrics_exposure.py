"""Metrics are served on their own port, never on the public API."""

import httpx
import pytest
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment_bootstrap
from localinfra.ports import free_port

pytestmark = pytest.mark.integration


async def test_the_public_app_has_no_metrics_and_the_metrics_port_has_them(start_service, with_settings):
    port = free_port()
    bootstrap = with_settings(enrolment_bootstrap, metrics_port=port)
    async with start_service(EnrolmentSettings, bootstrap) as enrolment:
        await enrolment.client.get("/health/live")
        public = await enrolment.client.get("/metrics")
        async with httpx.AsyncClient() as scraper:
            scraped = await scraper.get(f"http://127.0.0.1:{port}/metrics")
    assert public.status_code == 404
    assert scraped.status_code == 200
    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in scraped.text


async def test_the_metrics_port_closes_when_the_service_stops(start_service, with_settings):
    port = free_port()
    async with start_service(EnrolmentSettings, with_settings(enrolment_bootstrap, metrics_port=port)):
        pass
    async with httpx.AsyncClient() as scraper:
        with pytest.raises(httpx.ConnectError):
            await scraper.get(f"http://127.0.0.1:{port}/metrics")
