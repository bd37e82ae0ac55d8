"""Use case: the teacher-standardisation indicator, published as a dated monthly snapshot."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from reporting.app.ports import UnitOfWork
from reporting.domain.participation import published_period_end
from reporting.domain.readership import CITY_WIDE, Readership
from reporting.domain.teacher_standard import (
    Baseline,
    RoadmapTarget,
    TeacherCell,
    published_figures,
    teacher_table,
)


class TeacherReferenceSource(Protocol):
    """The roadmap's dated targets and the baseline of teachers below standard, with their sources."""

    @property
    def targets(self) -> list[RoadmapTarget]:
        """The dated targets per level."""
        ...

    @property
    def baselines(self) -> dict[str, Baseline]:
        """Teachers below standard per level, where supplied."""
        ...

    @property
    def sources(self) -> tuple[str, ...]:
        """Where the targets and the baseline come from, one line each."""
        ...

    @property
    def illustrative(self) -> bool:
        """True when the baseline is assumed, not official."""
        ...


@dataclass(frozen=True)
class TeacherIndicator:
    """The published rows as of the period end (exclusive), and when they were first published."""

    until: date
    cells: list[TeacherCell]
    published_at: datetime


async def published_teacher_standard(
    until: date,
    uow: UnitOfWork,
    reference: TeacherReferenceSource,
    now: datetime,
    readers: Readership = CITY_WIDE,
) -> TeacherIndicator:
    """The snapshot for a closed monthly period: computed at its first query, the same ever after.

    Raises PeriodRefused for a period that is not a begun month and BreakdownRefused for a reader scoped
    to localities (the table is city-wide, by level).
    """
    readers.check("level")
    until = published_period_end(until, now.date())
    async with uow:
        if (kept := await uow.teacher_standard.published(until)) is None:
            counts = await uow.teacher_standard.counts(until)
            last_day = until - timedelta(days=1)
            published = [published_figures(c) for c in await uow.teacher_standard.others(until)]
            cells = teacher_table(counts, reference.baselines, reference.targets, last_day, published)
            await uow.teacher_standard.publish(until, cells, now)
            kept = await uow.teacher_standard.published(until)
    if kept is None:  # cannot happen: written or already there, seen by this transaction
        raise RuntimeError("indicator snapshot missing after publishing it")
    return TeacherIndicator(until, kept[1], kept[0])
