"""The demo catalogue for `make run` (`demo/courses.json`): 44 bilingual courses across every domain, with
materials and upcoming offerings, published once over content's HTTP API."""

import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from localinfra.catalogue import publish_course, schedule

COURSES = Path(__file__).parent / "demo" / "courses.json"
Catalogue = dict[str, tuple[str, str]]
"""Course code -> (first offering id, course id)."""


def demo_courses() -> list[dict[str, Any]]:
    """The demo courses as the file has them: the course body plus `materials` and `offerings`."""
    return list(json.loads(COURSES.read_text(encoding="utf-8")))


def offering_body(plan: dict[str, Any], today: date) -> dict[str, Any]:
    """An offering of the file as a request (its dates count from today: the demo stays upcoming)."""
    starts = today + timedelta(days=plan["starts_in_days"])
    lasts = plan.get("lasts_days")
    return {
        "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=lasts)).isoformat() if lasts else None,
        "capacity": plan.get("capacity"),
        "reserved_seats": plan.get("reserved_seats", 0),
        "locality_code": plan.get("locality_code"),
    }


async def load_demo_catalogue(
    content: httpx.AsyncClient, headers: Mapping[str, str] | None = None
) -> Catalogue:
    """Publish the demo courses not there yet and schedule their offerings (as an editor: `headers` or the
    client's own); every demo course's code with its first offering and its id. Loading twice adds nothing."""
    listed = (await content.get("/v1/courses", params={"limit": 200})).json()
    existing = {c["code"]: c["id"] for c in listed["items"]}
    found: Catalogue = {}
    for spec in demo_courses():
        plans, materials = spec.pop("offerings"), spec.pop("materials")
        course_id = existing.get(spec["code"]) or await publish_course(content, spec, materials, headers)
        scheduled = (await content.get(f"/v1/courses/{course_id}/offerings")).json()
        ids = [o["id"] for o in scheduled] or [
            await schedule(content, course_id, offering_body(p, date.today()), headers) for p in plans
        ]
        found[spec["code"]] = (ids[0], course_id)
    return found
