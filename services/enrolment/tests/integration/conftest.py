"""The enrolment service, started once per test module; offerings arranged in its database, learners
registered through its API."""

import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from typing import Any

import pytest
import pytest_asyncio
from enrolment.bootstrap import EnrolmentSettings, bootstrap

LEARNER = {
    "full_name": "Trần Văn Minh",
    "date_of_birth": "1990-05-01",
    "sex": "male",
    "locality_code": "00004",
    "ethnic_group_code": "01",
    "learner_type": "resident",
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def enrolment(start_service) -> AsyncIterator:
    async with start_service(EnrolmentSettings, bootstrap) as service:
        yield service


@pytest.fixture
def offering(enrolment) -> Callable[..., Awaitable[uuid.UUID]]:
    """`await offering(capacity, ...)`: an offering as content's events would have put it in the model."""

    async def make(
        capacity: int | None = None,
        *,
        reserved: int = 0,
        status: str = "open",
        audience: list[dict[str, Any]] | None = None,
        starts_on: date | None = date(2027, 3, 1),
    ) -> uuid.UUID:
        offering_id = uuid.uuid4()
        await enrolment.db.execute(
            "INSERT INTO offerings (id, course_id, revision, status, starts_on, capacity, reserved, "
            "audience) VALUES ($1, $2, 1, $3, $4, $5, $6, $7::jsonb)",
            *(offering_id, uuid.uuid4(), status, starts_on, capacity, reserved),
            json.dumps(audience or []),
        )
        return offering_id

    return make


@pytest.fixture
def learner(enrolment) -> Callable[..., Awaitable[uuid.UUID]]:
    """`await learner(**changes)`: a learner registered by an officer through the API."""

    async def register(**changes: Any) -> uuid.UUID:
        response = await enrolment.client.post(
            "/v1/learners",
            json={**LEARNER, **changes},
            headers=enrolment.token("officer-1", "enrolment-officer", localities=["00004"]),
        )
        assert response.status_code == 201, response.text
        return uuid.UUID(response.json()["id"])

    return register
