"""Object-level access, over every operation that names a learner or an enrolment in its path.

Learner A reaches none of learner B's records, enrolments or messages; staff reach none outside their
localities. The operations come from the running apps, so a new `{learner_id}` endpoint is covered too.
"""

import json
import re
import uuid
from datetime import date
from typing import Any

import pytest
from localinfra.service_fixtures import RunningService

from tests.security.operations import Operation, operations

pytestmark = pytest.mark.integration

HOME, ELSEWHERE = "00004", "00008"
PERSON = {"date_of_birth": "1990-05-01", "sex": "female", "learner_type": "resident"}


async def register(enrolment: RunningService, locality: str) -> str:
    person = {**PERSON, "full_name": f"Learner {uuid.uuid4().hex[:6]}", "locality_code": locality}
    response = await enrolment.client.post("/v1/learners", json=person, headers=enrolment.token("a", "admin"))
    assert response.status_code == 201, response.text
    learner: str = response.json()["id"]
    return learner


async def enrolled(enrolment: RunningService, learner: str) -> str:
    """An enrolment of `learner`, made by the learner, on an offering arranged in the read model."""
    offering = uuid.uuid4()
    await enrolment.db.execute(
        "INSERT INTO offerings (id, course_id, revision, status, starts_on, capacity, reserved, audience) "
        "VALUES ($1, $2, 1, 'open', $3, 10, 0, $4::jsonb)",
        *(offering, uuid.uuid4(), date(2027, 3, 1), json.dumps([])),
    )
    body = {"offering_id": str(offering), "learner_id": learner}
    response = await enrolment.client.post(
        "/v1/enrolments", json=body, headers=enrolment.token(learner, "learner")
    )
    assert response.status_code == 201, response.text
    place: str = response.json()["id"]
    return place


def naming(app: Any, parameter: str) -> list[Operation]:
    """The operations whose path names `{parameter}`."""
    return [op for op in operations(app) if f"{{{parameter}}}" in op.path and op.roles is not None]


async def reach(service: RunningService, ops: list[Operation], ids: dict[str, str], headers: dict[str, str]):
    """Each operation called on `ids`: the (method, path, status) of every answer that was not a refusal."""
    reached = []
    for op in ops:
        url = re.sub(r"\{([^}]+)\}", lambda m: ids.get(m.group(1), str(uuid.uuid4())), op.path)
        body = {} if op.method in ("POST", "PUT", "PATCH") else None
        response = await service.client.request(op.method, url, json=body, headers=headers)
        if response.status_code not in (403, 404, 422) or ids["learner_id"] in response.text:
            reached.append((op.method, op.path, response.status_code))
    return reached


async def test_learner_a_reaches_none_of_learner_bs_records_enrolments_or_messages(platform_apps):
    (enrolment, app), (notifications, messages_app) = (
        platform_apps["enrolment"],
        platform_apps["notifications"],
    )
    a, b = await register(enrolment, HOME), await register(enrolment, HOME)
    ids = {"learner_id": b, "enrolment_id": await enrolled(enrolment, b)}
    as_a = enrolment.token(a, "learner")

    reached = await reach(enrolment, naming(app, "learner_id") + naming(app, "enrolment_id"), ids, as_a)
    reached += await reach(
        notifications, naming(messages_app, "learner_id"), ids, notifications.token(a, "learner")
    )
    listed = await enrolment.client.get("/v1/enrolments", params={"learner_id": b}, headers=as_a)

    assert not reached, reached
    assert listed.status_code == 403 or listed.json()["items"] == []
    await _untouched(enrolment, b, ids["enrolment_id"])


@pytest.mark.parametrize("role", ["district-officer", "centre-staff", "enrolment-officer"])
async def test_staff_reach_no_learner_or_enrolment_of_another_locality(platform_apps, role):
    enrolment, app = platform_apps["enrolment"]
    theirs = await register(enrolment, ELSEWHERE)
    ids = {"learner_id": theirs, "enrolment_id": await enrolled(enrolment, theirs)}
    officer = enrolment.token(f"{role}-1", role, localities=[HOME])

    reached = await reach(enrolment, naming(app, "learner_id") + naming(app, "enrolment_id"), ids, officer)
    listed = await enrolment.client.get("/v1/learners", params={"locality_code": ELSEWHERE}, headers=officer)

    assert not reached, reached
    assert listed.status_code == 403 or theirs not in listed.text
    await _untouched(enrolment, theirs, ids["enrolment_id"])


async def _untouched(enrolment: RunningService, learner: str, place: str) -> None:
    """The refused calls (PATCH, DELETE, withdraw...) changed nothing."""
    admin = enrolment.token("a", "admin")
    record = (await enrolment.client.get(f"/v1/learners/{learner}", headers=admin)).json()
    assert record["erased"] is False and record["full_name"].startswith("Learner ")
    status = (await enrolment.client.get(f"/v1/enrolments/{place}", headers=admin)).json()["status"]
    assert status in ("confirmed", "waitlisted")
