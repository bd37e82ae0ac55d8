"""The enrolment service, started once per test module, and courses opened directly in its database."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
from enrolment.bootstrap import EnrolmentSettings, bootstrap


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def enrolment(start_service) -> AsyncIterator:
    async with start_service(EnrolmentSettings, bootstrap) as service:
        yield service


@pytest.fixture
def open_course(enrolment) -> Callable[[int | None], Awaitable[uuid.UUID]]:
    """`await open_course(capacity)`: a course open for enrolment, as content's event would have opened it."""

    async def open_(capacity: int | None = None) -> uuid.UUID:
        course_id = uuid.uuid4()
        await enrolment.db.execute(
            "INSERT INTO open_courses (id, capacity) VALUES ($1, $2)", course_id, capacity
        )
        return course_id

    return open_
