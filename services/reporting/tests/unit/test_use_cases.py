"""Reporting's use cases on in-memory fakes: counting enrolments, publishing with suppression."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from reporting.app.enrolment_statistics import enrolment_statistics
from reporting.app.project_learners import ProjectBatch, project_batch
from reporting.domain.disclosure import MIN_CELL
from reporting.domain.learners import EnrolmentFact


async def enrol(course_ids: list[UUID], uow) -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    facts = [EnrolmentFact(uuid4(), course, uuid4(), at, None) for course in course_ids]
    await project_batch(ProjectBatch(enrolments=facts), uow)


async def test_a_batch_adds_one_per_confirmation_per_course(uow):
    a, b = uuid4(), uuid4()

    await enrol([a, b, a], uow)
    await enrol([a], uow)

    assert await uow.enrolment_counts.all() == {str(a): 3, str(b): 1}


async def test_statistics_suppress_small_cells_and_a_small_total(uow):
    big, small = uuid4(), uuid4()
    await enrol([big] * (MIN_CELL + 3) + [small], uow)

    stats = await enrolment_statistics(uow)

    cells = {c.key: c for c in stats.by_course}
    assert cells[str(big)].suppressed and cells[str(small)].suppressed  # secondary suppression
    assert stats.total == MIN_CELL + 4


async def test_a_total_below_the_minimum_is_not_published(uow):
    await enrol([uuid4()], uow)

    assert (await enrolment_statistics(uow)).total is None


async def test_a_total_of_two_suppressed_cells_is_withheld(uow):
    await enrol([uuid4()] * 4 + [uuid4()] * 4, uow)  # 4 + 4: a total of 8 says both are 4

    stats = await enrolment_statistics(uow)

    assert all(c.suppressed for c in stats.by_course)
    assert stats.total is None


async def test_a_total_that_pins_a_small_cell_next_to_its_secondary_is_withheld(uow):
    # 1 + 5: a total of 6 would say the small cell is 1
    await enrol([uuid4()] + [uuid4()] * MIN_CELL, uow)

    assert (await enrolment_statistics(uow)).total is None
