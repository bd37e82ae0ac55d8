"""Use case: an analyst reads enrolment statistics in which no small cell is disclosed."""

import uuid
from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
async def counts(reporting) -> dict[uuid.UUID, int]:
    """The projection holds exactly these confirmed-enrolment counts per course."""
    per_course = {uuid.uuid4(): n for n in (12, 3, 7)}
    await confirmed(reporting, per_course)
    return per_course


async def confirmed(reporting, per_course: dict[uuid.UUID, int]) -> None:
    """Exactly these enrolment facts (the per-course counts are read from them)."""
    at = datetime(2026, 3, 1, tzinfo=UTC)
    rows = [(uuid.uuid4(), c, uuid.uuid4(), at) for c, n in per_course.items() for _ in range(n)]
    async with reporting.db.acquire() as conn, conn.transaction():
        await conn.execute("DELETE FROM enrolment_facts")
        await conn.executemany(
            "INSERT INTO enrolment_facts (enrolment_id, course_id, learner_id, confirmed_at)"
            " VALUES ($1, $2, $3, $4)",
            rows,
        )


async def test_small_cells_and_their_secondary_are_suppressed(reporting, counts):
    response = await reporting.client.get(
        "/v1/statistics/enrolments", headers=reporting.token("analyst-1", "analyst")
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["minimum_cell"]) == (22, 5)
    published = {uuid.UUID(c["course_id"]): (c["enrolments"], c["suppressed"]) for c in body["by_course"]}
    expected = {12: (12, False), 3: (None, True), 7: (None, True)}
    assert published == {course: expected[n] for course, n in counts.items()}


async def test_an_admin_may_read_statistics(reporting, counts):
    response = await reporting.client.get("/v1/statistics/enrolments", headers=reporting.token("a", "admin"))

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["learner", "enrolment-officer", "content-editor"])
async def test_statistics_need_the_analyst_role(reporting, problem, role):
    response = await reporting.client.get("/v1/statistics/enrolments", headers=reporting.token("x", role))

    assert problem(response, 403)["type"].endswith("/forbidden")


async def test_statistics_need_a_bearer_token(reporting, problem):
    problem(await reporting.client.get("/v1/statistics/enrolments"), 401)


async def test_a_token_signed_with_another_key_is_refused(reporting, problem):
    forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

    response = await reporting.client.get(
        "/v1/statistics/enrolments", headers={"Authorization": f"Bearer {forged}"}
    )

    problem(response, 401)


async def test_the_total_does_not_reveal_the_suppressed_cells(reporting):
    await confirmed(reporting, {uuid.uuid4(): 4, uuid.uuid4(): 4})

    response = await reporting.client.get(
        "/v1/statistics/enrolments", headers=reporting.token("analyst-1", "analyst")
    )

    body = response.json()
    assert [c["suppressed"] for c in body["by_course"]] == [True, True]
    assert body["total"] is None  # 8 with both cells hidden would say each is 4
