"""Demo data for `make run`: catalogue courses and a few learners' enrolments, loaded over the HTTP APIs."""

import json
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx
from servicekit.devtoken import local_dev_token

from localinfra.errors import InfraError

DEMO_COURSES = Path(__file__).parent / "demo" / "courses.json"
DEMO_LEARNERS = [uuid.UUID(int=i, version=4) for i in range(1, 8)]


def _token(subject: str, *roles: str) -> str:
    return local_dev_token(subject, list(roles))


def load_demo_data(urls: dict[str, str], timeout: float = 60.0) -> None:
    """Publish the demo courses (once), each with one offering, and enrol the demo learners on the first."""
    editor = {"Authorization": f"Bearer {_token('demo-editor', 'content-editor')}"}
    existing = {c["code"]: c["id"] for c in httpx.get(f"{urls['content']}/v1/courses?limit=200").json()}
    courses = json.loads(DEMO_COURSES.read_text(encoding="utf-8"))
    for course in courses:
        if course["code"] not in existing:
            existing[course["code"]] = _publish(urls["content"], editor, course)
    officer = {"Authorization": f"Bearer {_token('demo-officer', 'enrolment-officer')}"}
    first = existing[courses[0]["code"]]
    for learner in DEMO_LEARNERS:
        _enrol_when_open(urls["enrolment"], officer, first, learner, timeout)
    print(
        f"demo data: {len(courses)} courses, {len(DEMO_LEARNERS)} learners enrolled on {courses[0]['code']}"
    )


def _publish(base: str, editor: dict[str, str], course: dict[str, object]) -> str:
    """Create the draft with its material, publish it, schedule an offering in a month with its seats."""
    capacity, material = course.pop("capacity"), course.pop("material")
    created = httpx.post(f"{base}/v1/courses", json=course, headers=editor)
    created.raise_for_status()
    course_id = str(created.json()["id"])
    httpx.post(f"{base}/v1/courses/{course_id}/materials", json=material, headers=editor).raise_for_status()
    httpx.post(f"{base}/v1/courses/{course_id}/publish", headers=editor).raise_for_status()
    meets = course["delivery_mode"] in ("blended", "in_person")
    offering = {
        "starts_on": (date.today() + timedelta(days=30)).isoformat(),
        "capacity": capacity,
        "locality_code": "00004" if meets else None,
    }
    httpx.post(f"{base}/v1/courses/{course_id}/offerings", json=offering, headers=editor).raise_for_status()
    return course_id


def _enrol_when_open(
    base: str, headers: dict[str, str], course_id: str, learner: uuid.UUID, timeout: float
) -> None:
    """The course opens in enrolment once content's event arrives: retry 404 until it does."""
    deadline = time.monotonic() + timeout
    body = {"course_id": course_id, "learner_id": str(learner), "locality_code": "00004"}
    while True:
        response = httpx.post(f"{base}/v1/enrolments", json=body, headers=headers)
        if response.status_code in (201, 409):  # 409: already enrolled by an earlier run
            return
        if response.status_code != 404 or time.monotonic() > deadline:
            raise InfraError(f"demo enrolment failed: {response.status_code} {response.text}")
        time.sleep(0.2)
