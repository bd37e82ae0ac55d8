"""Reference data a course or offering is checked against, and the fixed vocabularies of the catalogue."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Final

DELIVERY_MODES: Final = frozenset({"online", "distance", "blended", "in_person"})
"""Self-paced online, live distance class, blended, in person at a community learning centre."""
MEETS_IN_PERSON: Final = frozenset({"blended", "in_person"})
"""Modes whose offerings meet somewhere, so they name a ward or commune."""

HANOI: Final = timezone(timedelta(hours=7), "ICT")
"""Offerings are dated in Hanoi time (UTC+7, no daylight saving)."""


def hanoi_date(instant: datetime) -> date:
    """The calendar day in Hanoi at an instant."""
    return instant.astimezone(HANOI).date()


@dataclass(frozen=True)
class Reference:
    """The catalogue's domains (themes) and Hanoi's current wards and communes, by code."""

    domains: frozenset[str]
    localities: frozenset[str]
