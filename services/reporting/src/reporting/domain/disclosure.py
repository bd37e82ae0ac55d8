"""Statistical disclosure control: small cells are suppressed before any figure is published."""

from collections.abc import Mapping
from dataclasses import dataclass

MIN_CELL = 5
"""Counts below this are suppressed: a small cell could identify a learner."""


@dataclass(frozen=True)
class Cell:
    """One published figure: the count, or None when suppressed."""

    key: str
    count: int | None

    @property
    def suppressed(self) -> bool:
        """True when the count is withheld."""
        return self.count is None


def suppress_small_cells(counts: Mapping[str, int], minimum: int = MIN_CELL) -> list[Cell]:
    """Cells in key order; a positive count below `minimum` is withheld.

    When exactly one cell would be withheld, the next-smallest is withheld too, so it cannot be recovered
    by subtracting the others from a published total (secondary suppression).
    """
    small = {k for k, n in counts.items() if 0 < n < minimum}
    if len(small) == 1:
        others = sorted((n, k) for k, n in counts.items() if k not in small and n > 0)
        if others:
            small.add(others[0][1])
    return [Cell(k, None if k in small else counts[k]) for k in sorted(counts)]


def publishable(count: int, minimum: int = MIN_CELL) -> int | None:
    """A single figure (such as a total): withheld when it is a small positive count."""
    return None if 0 < count < minimum else count
