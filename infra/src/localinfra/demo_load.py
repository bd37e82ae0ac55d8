"""Demo data for `make run`: catalogue courses and a few learners' enrolments, loaded over the HTTP APIs."""

import json
import time
import uuid
from pathlib import Path

import httpx
from servicekit.devtoken import local_dev_token

from localinfra.errors import InfraError

DEMO_COURSES = Path(__file__).parent / "demo" / "courses.json"
DEMO_LEARNERS = 7
DEMO_PROFILE = {
    "full_name": "Học viên Demo",
    "date_of_birth": "1990-05-01",
    "locality_code": "00004",
    "ethnic_group_code": "01",
    "learner_type": "resident",
}


def _token(subject: str, *roles: str) -> str:
    return local_dev_token(subject, list(roles))


def load_demo_data(urls: dict[str, str], timeout: float = 60.0) -> None:
    """Publish the demo courses (once) and enrol the demo learners on the first course."""
    editor = {"Authorization": f"Bearer {_token('demo-editor', 'content-editor')}"}
    existing = {c["code"]: c["id"] for c in httpx.get(f"{urls['content']}/v1/courses?limit=200").json()}
    courses = json.loads(DEMO_COURSES.read_text(encoding="utf-8"))
    for course in courses:
        if course["code"] not in existing:
            response = httpx.post(f"{urls['content']}/v1/courses", json=course, headers=editor)
            response.raise_for_status()
            existing[course["code"]] = response.json()["id"]
    officer = {"Authorization": f"Bearer {_token('demo-admin', 'admin')}"}
    first = existing[courses[0]["code"]]
    for n in range(
        _already_enrolled(urls["enrolment"], officer, first), DEMO_LEARNERS
    ):  # a restart adds none
        learner = _register(urls["enrolment"], officer, "female" if n % 2 else "male")
        _enrol_when_open(urls["enrolment"], officer, first, learner, timeout)
    print(f"demo data: {len(courses)} courses, {DEMO_LEARNERS} learners enrolled on {courses[0]['code']}")


def _already_enrolled(base: str, headers: dict[str, str], offering_id: str) -> int:
    """Enrolments on the demo offering from an earlier run (the same data directory)."""
    response = httpx.get(
        f"{base}/v1/enrolments", params={"offering_id": offering_id, "limit": 200}, headers=headers
    )
    response.raise_for_status()
    return len(response.json()["items"])


def _register(base: str, headers: dict[str, str], sex: str) -> uuid.UUID:
    """A demo learner record (enrolments take the learner's dimensions from it)."""
    response = httpx.post(f"{base}/v1/learners", json={**DEMO_PROFILE, "sex": sex}, headers=headers)
    response.raise_for_status()
    return uuid.UUID(response.json()["id"])


def _enrol_when_open(
    base: str, headers: dict[str, str], course_id: str, learner: uuid.UUID, timeout: float
) -> None:
    """The course opens in enrolment (as a standing offering with its id) once content's event arrives:
    retry 404 until it does."""
    deadline = time.monotonic() + timeout
    body = {"offering_id": course_id, "learner_id": str(learner)}
    while True:
        response = httpx.post(f"{base}/v1/enrolments", json=body, headers=headers)
        if response.status_code in (201, 409):  # 409: already enrolled by an earlier run
            return
        if response.status_code != 404 or time.monotonic() > deadline:
            raise InfraError(f"demo enrolment failed: {response.status_code} {response.text}")
        time.sleep(0.2)
