"""The content service, started once per test module, and builders of courses over its HTTP API."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import pytest_asyncio
from content.bootstrap import ContentSettings, bootstrap
from localinfra.catalogue import publish_course


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
        course_id = await publish_course(content.client, course_body(**overrides), [VIDEO], headers)
        return dict((await content.client.get(f"/v1/courses/{course_id}/draft", headers=headers)).json())

    return publish
