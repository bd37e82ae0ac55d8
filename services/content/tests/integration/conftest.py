"""The content service, started once per test module, and builders of courses over its HTTP API."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import pytest_asyncio
from content.bootstrap import ContentSettings, bootstrap


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def content(start_service) -> AsyncIterator:
    async with start_service(ContentSettings, bootstrap) as service:
        yield service


def course_body(**overrides: Any) -> dict[str, Any]:
    """A valid new course (unique code), small enough for the tests' body limit."""
    return {
        "code": f"T-{uuid.uuid4().hex[:8].upper()}",
        "title_vi": "Phòng chống thiên tai",
        "title_en": "Disaster preparedness",
        "description_vi": "Chuẩn bị cho hộ gia đình trước mùa bão lũ",
        "theme": "disaster_prevention",
        "delivery_mode": "blended",
        "duration_hours": 6,
        **overrides,
    }


@pytest.fixture
def new_course_body() -> Callable[..., dict[str, Any]]:
    """`new_course_body(**overrides)`."""
    return course_body


VIDEO = {
    "kind": "video",
    "url": "https://hoctap.example/lua.mp4",
    "checksum": "sha256:" + "a" * 64,
    "size_bytes": 1024,
    "language": "vi",
    "licence": "CC-BY-4.0",
}


@pytest.fixture
def video() -> dict[str, Any]:
    """A valid material."""
    return dict(VIDEO)


@pytest.fixture
def department(content) -> dict[str, str]:
    """A department editor's Authorization header (every course)."""
    return content.token("editor-1", "content-editor")


@pytest.fixture
def published_course(content, department) -> Callable[..., Awaitable[dict[str, Any]]]:
    """`await published_course(headers=..., **overrides)`: created, given a video, published; its view."""

    async def publish(headers: dict[str, str] | None = None, **overrides: Any) -> dict[str, Any]:
        headers = headers or department
        created = await content.client.post("/v1/courses", json=course_body(**overrides), headers=headers)
        assert created.status_code == 201, created.text
        url = f"/v1/courses/{created.json()['id']}"
        attached = await content.client.post(f"{url}/materials", json=VIDEO, headers=headers)
        assert attached.status_code == 201, attached.text
        done = await content.client.post(f"{url}/publish", headers=headers)
        assert done.status_code == 200, done.text
        return dict(done.json())

    return publish
