"""Use case: campaign reach and conversion by segment, published as a dated monthly snapshot."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from reporting.app.ports import UnitOfWork
from reporting.domain.campaign_reach import Figure, ReachBreakdown, ReachCell, reach_figures, reach_table
from reporting.domain.participation import previous_twelve_months, published_period_end
from reporting.domain.readership import CITY_WIDE, Readership


@dataclass(frozen=True)
class ReachQuery:
    """Which segments, messages of which kind, conversion within how many days, for which period end."""

    by: ReachBreakdown
    until: date
    days: int = 30
    kind: str = "campaign"


@dataclass(frozen=True)
class CampaignReachIndicator:
    """The published rows of one breakdown for the period [since, until)."""

    since: date
    until: date
    cells: list[ReachCell]
    published_at: datetime


async def published_reach(
    query: ReachQuery, uow: UnitOfWork, now: datetime, readers: Readership = CITY_WIDE
) -> CampaignReachIndicator:
    """The snapshot for a closed monthly period (computed at its first query, the same ever after), cut to
    the reader's localities. Raises PeriodRefused and BreakdownRefused as the other indicators do."""
    readers.check(query.by)
    until = published_period_end(query.until, now.date())
    since = previous_twelve_months(until)[0]
    key = f"{query.by}/{query.kind}/{query.days}d"
    async with uow:
        if (kept := await uow.campaign_reach.published(key, until)) is None:
            period = (_midnight(since), _midnight(until))
            groups, total = await uow.campaign_reach.counts(query.by, query.kind, *period, query.days)
            published = await _overlapping_figures(uow, query.kind, since, until)
            table = reach_table(query.by, groups, total, published)
            await uow.campaign_reach.publish(key, until, table, now)
            kept = await uow.campaign_reach.published(key, until)
    if kept is None:  # cannot happen: written or already there, seen by this transaction
        raise RuntimeError("indicator snapshot missing after publishing it")
    cells = [c for c in kept[1] if query.by != "locality" or readers.keeps(c.group)]
    return CampaignReachIndicator(since, until, cells, kept[0])


async def _overlapping_figures(
    uow: UnitOfWork, kind: str, since: date, until: date
) -> list[dict[Figure, int | None]]:
    """The figures of every published snapshot whose period overlaps (any breakdown or window of days:
    conversions within 30 and 31 days must not differ by a few either)."""
    others = await uow.campaign_reach.overlapping(kind, since, until)
    return [reach_figures(k.split("/")[0], cells) for k, cells in others]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
