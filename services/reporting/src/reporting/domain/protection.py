"""Complementary suppression: hide more cells (or a total) until no hidden cell can be worked out.

A table is a set of additive lines: the members of each line add up to its margin (a row total, a column
total, the grand total). The attacker is assumed to know the rule: a primary cell (a positive count below
the minimum) lies in [1, minimum - 1], any other hidden cell is at least the minimum. A line whose margin is
published is safe when, from the published figures and those bounds, the attacker can neither narrow a
primary cell below [1, minimum - 1] nor pin any hidden cell to one value.
"""

import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Line(Generic[K]):
    """Cells that add up to a margin (a row, a column, or a one-way table and its total).

    `margin_first`: to protect the line, withhold its margin rather than another member (when the members
    matter more than the total, as female and male do for a gender parity index).
    """

    members: tuple[K, ...]
    margin: K
    margin_first: bool = False


def protect(
    counts: Mapping[K, int], lines: Sequence[Line[K]], minimum: int, forced: Collection[K] = ()
) -> set[K]:
    """The cells to withhold: primary cells and `forced` ones (withheld for a reason outside the table,
    such as a small difference from an earlier snapshot), then complementary ones until every line is safe.
    """
    hidden = {k for k, n in counts.items() if 0 < n < minimum} | set(forced)
    changed = True
    while changed:  # hiding a cell of one line can make a crossing line unsafe: repeat until stable
        changed = False
        for line in lines:
            changed |= _protect_line(counts, line, hidden, minimum)
    return hidden


def _protect_line(counts: Mapping[K, int], line: Line[K], hidden: set[K], minimum: int) -> bool:
    """Hide the smallest published members, then the margin, until the line is safe; True if it changed."""
    changed = False
    while line.margin not in hidden and not _safe(counts, line, hidden, minimum):
        published = sorted((counts[k], i) for i, k in enumerate(line.members) if k not in hidden)
        candidates = [line.members[i] for n, i in published if n > 0]  # a zero is never disclosive
        hidden.add(candidates[0] if candidates and not line.margin_first else line.margin)
        changed = True
    return changed


def _safe(counts: Mapping[K, int], line: Line[K], hidden: set[K], minimum: int) -> bool:
    secret = [k for k in line.members if k in hidden]
    if not secret:
        return True
    rest = counts[line.margin] - sum(counts[k] for k in line.members if k not in hidden)
    bounds = [_bounds(counts[k], minimum) for k in secret]
    for i, k in enumerate(secret):
        others = bounds[:i] + bounds[i + 1 :]
        low = max(bounds[i][0], rest - sum(up for _, up in others))
        high = min(bounds[i][1], rest - sum(lo for lo, _ in others))
        primary = 0 < counts[k] < minimum
        if (primary and (low > 1 or high < minimum - 1)) or low == high:
            return False
    return True


def _bounds(count: int, minimum: int) -> tuple[float, float]:
    """What the attacker knows of a hidden cell from the rule alone."""
    return (1, minimum - 1) if 0 < count < minimum else (minimum, math.inf)
