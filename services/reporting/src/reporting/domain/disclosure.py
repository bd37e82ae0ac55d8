"""Statistical disclosure control: small cells are suppressed before any figure is published."""

from collections.abc import Mapping
from dataclasses import dataclass

from reporting.domain.protection import Line, protect

MIN_CELL = 5
"""Counts below this are suppressed: a small cell could identify a learner."""
TOTAL = "\x00total"
"""Key of a one-way table's total among its cells (no real key starts with NUL)."""


@dataclass(frozen=True)
class Cell:
    """One published figure: the count, or None when suppressed."""

    key: str
    count: int | None

    @property
    def suppressed(self) -> bool:
        """True when the count is withheld."""
        return self.count is None


@dataclass(frozen=True)
class OneWayTable:
    """Published cells in key order and their total (None when the total would reveal a hidden cell)."""

    cells: list[Cell]
    total: int | None


def suppress_one_way(counts: Mapping[str, int], minimum: int = MIN_CELL) -> OneWayTable:
    """Cells and their total with primary and complementary suppression (see `protection`).

    Small positive counts are withheld; then the smallest other cells, until the published total and
    cells let no one narrow a small cell or work out a hidden one; if no cell is left to hide, the total
    is withheld instead.
    """
    with_total = {**counts, TOTAL: sum(counts.values())}
    hidden = protect(with_total, [Line(tuple(sorted(counts)), TOTAL)], minimum)
    cells = [Cell(k, None if k in hidden else counts[k]) for k in sorted(counts)]
    return OneWayTable(cells, None if TOTAL in hidden else with_total[TOTAL])


def suppress_small_cells(counts: Mapping[str, int], minimum: int = MIN_CELL) -> list[Cell]:
    """Cells in key order, suppressed as in `suppress_one_way` (whose total must go with them)."""
    return suppress_one_way(counts, minimum).cells


def publishable(count: int, minimum: int = MIN_CELL) -> int | None:
    """A single figure (such as a total): withheld when it is a small positive count."""
    return None if 0 < count < minimum else count
