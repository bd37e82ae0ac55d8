"""Which published figures a reader may see: the whole city, or only the rows of their own localities."""

from dataclasses import dataclass


class BreakdownRefused(ValueError):
    """A reader scoped to localities asked for a breakdown that is not by locality."""

    status, title, kind = 403, "Breakdown not allowed", "breakdown-not-allowed"


@dataclass(frozen=True)
class Readership:
    """The localities a reader may see; None: the whole city (leaders and the department).

    A scoped reader gets the city's published rows of their localities, never a table computed for them
    alone: the figures and the suppression are the city's, so comparing views reveals nothing new.
    Breakdowns by sex, age or group are city-wide tables, so they are refused rather than cut.
    """

    localities: frozenset[str] | None = None

    def check(self, by: str) -> None:
        """Refuse a breakdown other than by locality to a reader scoped to localities."""
        if self.localities is not None and by != "locality":
            raise BreakdownRefused("readers scoped to localities see the breakdown by locality only")

    def keeps(self, locality_code: str) -> bool:
        """True when this row is the reader's (the city total is not, for a scoped reader)."""
        return self.localities is None or locality_code in self.localities


CITY_WIDE = Readership()
"""The reach of city leaders and the department: every row."""
