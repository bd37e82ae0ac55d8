"""Use case: the enrolment indicator for a breakdown, published as a dated snapshot, cut to the reader."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import get_args

from reporting.app.ports import UnitOfWork
from reporting.domain.enrolment_indicator import (
    EnrolmentBreakdown,
    EnrolmentCell,
    Programme,
    align_totals,
    enrolment_figures,
    enrolment_table,
)
from reporting.domain.participation import previous_twelve_months, published_period_end
from reporting.domain.readership import CITY_WIDE, Readership


@dataclass(frozen=True)
class EnrolmentIndicator:
    """The published cells of one breakdown for the period [since, until)."""

    since: date
    until: date
    cells: list[EnrolmentCell]


async def published_enrolments(
    by: EnrolmentBreakdown,
    until: date,
    uow: UnitOfWork,
    now: datetime,
    readers: Readership = CITY_WIDE,
    programme: Programme = "all",
) -> EnrolmentIndicator:
    """The dated snapshot for a closed monthly period (published at its first query, the same ever after).

    Raises PeriodRefused for a period that is not a begun month, BreakdownRefused for a scoped reader's
    breakdown other than by locality.
    """
    readers.check(by)
    until = published_period_end(until, now.date())
    key = by if programme == "all" else f"{by}/{programme}"  # one snapshot per breakdown and programme
    async with uow:
        if (kept := await uow.enrolment_records.published(key, until)) is None:
            await _publish_all(uow, until, programme, now)
            kept = await uow.enrolment_records.published(key, until)
    if kept is None:  # cannot happen: written or already there, seen by this transaction
        raise RuntimeError("indicator snapshot missing after publishing it")
    since, cells = kept
    return EnrolmentIndicator(since, until, [c for c in cells if by != "locality" or readers.keeps(c.group)])


async def _publish_all(uow: UnitOfWork, until: date, programme: Programme, now: datetime) -> None:
    """Every breakdown of the period and programme, from one reading, with one `all` row (align_totals)."""
    since = previous_twelve_months(until)[0]
    period = (_midnight(since), _midnight(until))
    others = await uow.enrolment_records.overlapping(programme, since, until)
    published = [enrolment_figures(by, cells) for by, cells in others]
    tables: dict[EnrolmentBreakdown, list[EnrolmentCell]] = {}
    for by in get_args(EnrolmentBreakdown):
        groups, total = await uow.enrolment_records.counts(by, *period, programme)
        tables[by] = enrolment_table(by, groups, total, published)
    for by, cells in align_totals(tables).items():
        key = by if programme == "all" else f"{by}/{programme}"
        await uow.enrolment_records.publish(key, since, until, cells, now)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
