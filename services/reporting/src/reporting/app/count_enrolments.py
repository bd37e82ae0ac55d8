"""Use case: add confirmed enrolments to the per-course counts."""

from collections import Counter
from collections.abc import Iterable
from uuid import UUID

from reporting.app.ports import UnitOfWork


async def count_enrolments(course_ids: Iterable[UUID], uow: UnitOfWork) -> None:
    """One confirmed enrolment per course id given (a batch: one statement)."""
    per_course = Counter(str(course_id) for course_id in course_ids)
    async with uow:
        await uow.enrolment_counts.add(per_course)
