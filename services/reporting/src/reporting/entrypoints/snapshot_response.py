"""The shared flow of the snapshot indicators' endpoints: the period asked for (this month's by default),
its published snapshot (published now if it was not yet), then the view as JSON or CSV."""

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeVar

from fastapi import Response
from pydantic import BaseModel
from servicekit.ports import Dependencies

from reporting.entrypoints.csv_output import csv_response

T = TypeVar("T")
V = TypeVar("V", bound=BaseModel)


async def snapshot_response(
    deps: Dependencies,
    until: date | None,
    published: Callable[[date, datetime], Awaitable[T]],
    view: Callable[[T], V],
    csv: bool,
) -> V | Response:
    """`published(period end, now)` (the use case: the kept snapshot, or one published now) as `view`
    renders it, in JSON or, when `csv`, one CSV row per cell. Without `until`, the period ends on the
    first day of the current month (the last closed period)."""
    now = deps.clock.now()
    body = view(await published(until or now.date().replace(day=1), now))
    return csv_response(body) if csv else body
