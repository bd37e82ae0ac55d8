"""Offerings as notifications sees them (from content's events), and when their reminder is due."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from notifications.domain.preferences import HANOI

REMINDER = "offering-reminder"
RUNNING = frozenset({"open", "closed"})
"""Statuses of an offering that will still run (cancelled and retired ones get no reminder)."""


@dataclass(frozen=True)
class Offering:
    """One run of a course: its theme (the course's domain), first day (Hanoi) and status."""

    offering_id: UUID
    course_id: UUID
    theme: str
    starts_on: date
    status: str
    revision: int


def reminder_dates(now: datetime, hour: int) -> tuple[date, date]:
    """The start dates whose reminders are due at `now`: from `hour` (Hanoi) of the day before the start
    until the start day ends (a reminder missed while the service was down still goes out that morning)."""
    today = now.astimezone(HANOI).date()
    tomorrow_due = now.astimezone(HANOI).hour >= hour
    return today, today + timedelta(days=1) if tomorrow_due else today


def reminder_source(offering: Offering) -> str:
    """The message key of an offering's reminder: once per learner and start date, whatever the instance."""
    return f"{offering.offering_id}:reminder:{offering.starts_on.isoformat()}"
