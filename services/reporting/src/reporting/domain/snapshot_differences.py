"""Disclosure by difference between dated snapshots of overlapping periods, and the rule that prevents it.

Figures are published as dated snapshots of closed periods (see `participation.published_period_end`), so
asking twice gives the same answer. But the 12 months to July and the 12 months to August share eleven
months: if a published cell reads 12 in one and 14 in the other, the difference counts (net) two learners
of a single month, a small cell never published as such. The rule: when a snapshot is first published,
each of its cells is compared with the same cell in every snapshot already published whose period overlaps
(earlier or later: a closed period is published at its first query, in any order); a cell whose published
value would differ from one of those by 1 to MIN_CELL - 1 is withheld, and complementary suppression then
runs over the table with it (so no total or crossing line gives it back). Every difference between two
published values of a cell across overlapping snapshots is therefore 0 or at least MIN_CELL.

What an attacker still learns: that a withheld cell is not a primary cell (so at least MIN_CELL) and, when
it was published before, that it moved by less than MIN_CELL; never by how much, nor who moved.
"""

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from reporting.domain.disclosure import MIN_CELL

K = TypeVar("K", bound=Hashable)


def moved_by_a_few(
    counts: Mapping[K, int], published: Iterable[Mapping[K, int | None]], minimum: int = MIN_CELL
) -> set[K]:
    """The cells whose count differs by 1 to minimum - 1 from their value in a published snapshot."""
    earlier = list(published)
    return {k for k, n in counts.items() if any(0 < abs(n - _or(e.get(k), n)) < minimum for e in earlier)}


def _or(value: int | None, default: int) -> int:
    """A withheld (or absent) earlier value cannot be subtracted: compare as if unchanged."""
    return default if value is None else value
