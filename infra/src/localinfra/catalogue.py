"""Publishing a course over content's HTTP API in one call: draft, materials, publish, offerings.

The demo data, the bench and every test that needs a published course use this one sequence and the one
set of payloads below, so a change to content's API is made here once.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import httpx

from localinfra.errors import InfraError

COURSE: Final[Mapping[str, Any]] = {
    "code": "TT-PC-001",
    "title_vi": "Phòng chống thiên tai cho hộ gia đình",
    "title_en": "Disaster preparedness for households",
    "theme": "disaster_prevention",
    "delivery_mode": "online",
    "description_vi": "Chuẩn bị cho hộ gia đình trước mùa mưa bão.",
    "duration_hours": 6,
}
"""A valid online course draft (override `code` when a test publishes more than one)."""

MATERIAL: Final[Mapping[str, Any]] = {
    "kind": "document",
    "url": "https://hoctap.example/tai-lieu.pdf",
    "checksum": "sha256:" + "0" * 64,
    "size_bytes": 2048,
    "language": "vi",
    "licence": "CC-BY-4.0",
}
"""A valid material: a course needs one before it can be published."""


class CatalogueRefused(InfraError):
    """Content refused one step of publishing a course; the message names the request and the answer."""

    def __init__(self, path: str, status: int, answer: str) -> None:
        super().__init__(f"POST {path} gave {status} {answer[:300]}")
        self.status = status


@dataclass(frozen=True)
class PublishedCourse:
    """A published course's id and the ids of the offerings scheduled with it, in the order given."""

    id: str
    offerings: list[str]

    @property
    def offering(self) -> str:
        """The first offering's id."""
        return self.offerings[0]


def offering_in(days: int = 30, capacity: int | None = 20, **more: Any) -> dict[str, Any]:
    """An offering body starting `days` from today (more: `ends_on`, `locality_code`, `reserved_seats`)."""
    return {"starts_on": (date.today() + timedelta(days=days)).isoformat(), "capacity": capacity, **more}


async def publish_course(
    client: httpx.AsyncClient,
    course: Mapping[str, Any] = COURSE,
    materials: Sequence[Mapping[str, Any]] = (MATERIAL,),
    headers: Mapping[str, str] | None = None,
) -> str:
    """Create the draft, attach `materials`, publish it; the course id. Raises CatalogueRefused."""
    course_id = str((await _post(client, "/v1/courses", course, headers))["id"])
    for material in materials:
        await _post(client, f"/v1/courses/{course_id}/materials", material, headers)
    await _post(client, f"/v1/courses/{course_id}/publish", None, headers)
    return course_id


async def schedule(
    client: httpx.AsyncClient,
    course_id: str,
    offering: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> str:
    """Schedule one offering of a published course; its id. Raises CatalogueRefused."""
    return str((await _post(client, f"/v1/courses/{course_id}/offerings", offering, headers))["id"])


async def publish_course_with_offering(
    client: httpx.AsyncClient,
    course: Mapping[str, Any] = COURSE,
    offerings: Sequence[Mapping[str, Any]] | None = None,
    *,
    materials: Sequence[Mapping[str, Any]] = (MATERIAL,),
    headers: Mapping[str, str] | None = None,
) -> PublishedCourse:
    """Publish `course` with `materials` and schedule `offerings` (default: one of 20 seats in a month)."""
    course_id = await publish_course(client, course, materials, headers)
    planned = [offering_in()] if offerings is None else offerings
    return PublishedCourse(course_id, [await schedule(client, course_id, o, headers) for o in planned])


async def _post(
    client: httpx.AsyncClient, path: str, body: Mapping[str, Any] | None, headers: Mapping[str, str] | None
) -> dict[str, Any]:
    response = await client.post(path, json=None if body is None else dict(body), headers=headers)
    if response.status_code >= 400:
        raise CatalogueRefused(path, response.status_code, response.text)
    return dict(response.json())
