"""Demo history for `make run`: a past year of learners and enrolments, so the dashboard has figures.

Reporting publishes only closed monthly periods (figures never move once published), and the demo data is
enrolled today, in a month that has not ended. So the dev platform also gets a year of history: the events
the enrolment service would have published (pseudonymous learners with dimensions only, their confirmed
and completed enrolments), dated in the 12 months before this month, written once to the local broker.
"""

import asyncio
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from contracts.event import EventModel
from contracts.events.enrolment import EnrolmentCompletedV1, EnrolmentConfirmedV2
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from servicekit.devtoken import local_dev_token

from localinfra.topics import as_message

LOCALITIES = {"00070": 60, "00103": 50, "00145": 40, "00166": 30, "00376": 15, "00454": 3}
"""Learners per ward or commune (codes of the demo learners); the last is small, so it is suppressed."""
BANDS, BAND_WEIGHTS = ("15-24", "25-54", "55-64", "65+"), (30, 50, 15, 5)
COURSES = ("NN-SH-101", "SK-CD-102", "PL-PT-103", "GV-CD-106")
"""The demo courses that have enrolments already (the history adds to them, no other course)."""
CATEGORIES = ("woman", "poor_household", "ethnic_minority", "disability")


def _dimensions(rng: random.Random, locality: str) -> dict[str, Any]:
    """A learner's statistical dimensions (never a name, birth date or contact)."""
    sex = rng.choices(("female", "male", "undisclosed"), weights=(52, 46, 2))[0]
    categories = [c for c in CATEGORIES if (c == "woman" and sex == "female") or rng.random() < 0.1]
    return {
        **{"sex": sex, "age_band": rng.choices(BANDS, BAND_WEIGHTS)[0], "locality_code": locality},
        **{"ethnic_minority": rng.random() < 0.15, "support_categories": categories},
        "learner_type": "resident",
    }


def _learner(
    rng: random.Random, locality: str, until: datetime, courses: list[tuple[str, str]]
) -> tuple[EventModel, list[EventModel]]:
    """One learner's registration, and their enrolment: confirmed, then completed more often than not."""
    dims, learner = _dimensions(rng, locality), uuid.uuid4()
    at = until - timedelta(days=rng.randint(20, 360), hours=rng.randint(0, 23))
    registered = LearnerRegisteredV1(learner_id=learner, registered_at=at - timedelta(days=1), **dims)
    course, offering = rng.choice(courses)
    ids = {"enrolment_id": uuid.uuid4(), "offering_id": offering, "course_id": course}
    place = {**ids, "learner_id": learner, **dims}
    events: list[EventModel] = [EnrolmentConfirmedV2(**place, confirmed_at=at)]
    if rng.random() < 0.55:
        done = at + timedelta(days=15)
        events.append(EnrolmentCompletedV1(**place, outcome="passed", certificate_id=None, completed_at=done))
    return registered, events


async def _publish(bootstrap: str, learners: list[EventModel], enrolments: list[EventModel]) -> None:
    """One producer for all: learner events keyed by learner, enrolment events by enrolment (as the enrolment
    service keys them), each key's events in order."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=20)
    await producer.start()
    try:
        for topic, events in (("enrolment.learners", learners), ("enrolment.enrolments", enrolments)):
            for event in events:
                value, headers = as_message(event)
                key = str(event.subject()).encode()  # the aggregate id: the learner or the enrolment
                await producer.send(topic, value, key=key, headers=headers)
        await producer.flush()
    finally:
        await producer.stop()


def _courses(content: str) -> list[tuple[str, str]]:
    """(course id, first offering id) of the demo courses the demo enrols in (no new course appears)."""
    listed = httpx.get(f"{content}/v1/courses", params={"limit": 200}, timeout=30).json()
    found = []
    for course in (c for c in listed if c["code"] in COURSES):
        offerings = httpx.get(f"{content}/v1/courses/{course['id']}/offerings", timeout=30).json()
        found.append((course["id"], offerings[0]["id"]))
    return found


def _counted(reporting: str) -> int:
    """Confirmed enrolments reporting has projected (its per-course statistics, live and unpublished)."""
    token = local_dev_token("demo-history", ["analyst"])
    answer = httpx.get(
        f"{reporting}/v1/statistics/enrolments",
        params={"limit": 500},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    return sum(c["enrolments"] or 0 for c in answer.json()["items"])


def load_demo_history(bootstrap: str, urls: dict[str, str], state: Path, timeout: float = 60.0) -> None:
    """Write the past year's events once (a marker in `state` remembers it) and wait until reporting has
    projected them: a period's figures are published at its first query, so they must be complete."""
    marker = state / "demo-history.done"
    if marker.exists():
        return
    courses, before = _courses(urls["content"]), _counted(urls["reporting"])
    until = datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rng = random.Random(2026)
    made = [_learner(rng, place, until, courses) for place, n in LOCALITIES.items() for _ in range(n)]
    learners, enrolments = [r for r, _ in made], [e for _, events in made for e in events]
    asyncio.run(_publish(bootstrap, learners, enrolments))
    deadline = time.monotonic() + timeout
    while _counted(urls["reporting"]) < before + len(learners) and time.monotonic() < deadline:
        time.sleep(0.5)
    marker.write_text(f"{len(learners)} learners, {len(enrolments)} enrolment events before {until}\n")
    print(f"demo history: {len(learners)} learners enrolled in the 12 months before {until:%Y-%m-%d}")
