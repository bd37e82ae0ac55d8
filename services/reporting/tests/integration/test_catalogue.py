"""The event catalogue served by reporting: AsyncAPI as JSON and YAML, and a readable page."""

import pytest
import yaml
from contracts.asyncapi import asyncapi_document

pytestmark = pytest.mark.integration


async def test_catalogue_serves_asyncapi_as_json_and_yaml_with_the_inbound_receive_operations(reporting):
    as_json = await reporting.client.get("/v1/catalogue/asyncapi.json")
    as_yaml = await reporting.client.get("/v1/catalogue/asyncapi.yaml")

    assert as_json.status_code == 200 and as_yaml.status_code == 200
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert as_json.json() == yaml.safe_load(as_yaml.text) == asyncapi_document()
    receive = as_json.json()["operations"]["receive_city_learning-activity"]
    assert receive["action"] == "receive" and receive["x-writers"] == ["city-lms", "reporting"]
    assert as_json.json()["channels"]["city_attendance"]["x-public"] is True


async def test_catalogue_page_lists_the_public_inbound_topics_first_with_examples(reporting):
    page = await reporting.client.get("/catalogue")

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert text.index("city.attendance") < text.index("content.courses")
    assert "vn.hanoi.learningcity.city.learning_activity.recorded.v1" in text
    assert "ce_source" in text and "/vn/hanoi/city/city-lms" in text
    assert "<script" not in text
