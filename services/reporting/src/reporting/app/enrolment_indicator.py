"""Use case: the enrolment indicator for a breakdown, published as a dated snapshot, cut to the reader."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from reporting.app.ports import UnitOfWork
from reporting.domain.enrolment_indicator import (
    EnrolmentBreakdown,
    EnrolmentCell,
    Programme,
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
            since = previous_twelve_months(until)[0]
            period = (_midnight(since), _midnight(until))
            groups, total = await uow.enrolment_records.counts(by, *period, programme)
            await uow.enrolment_records.publish(key, since, until, enrolment_table(by, groups, total), now)
            kept = await uow.enrolment_records.published(key, until)
    if kept is None:  # cannot happen: written or already there, seen by this transaction
        raise RuntimeError("indicator snapshot missing after publishing it")
    since, cells = kept
    return EnrolmentIndicator(since, until, [c for c in cells if by != "locality" or readers.keeps(c.group)])


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
