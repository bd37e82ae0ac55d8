"""Campaign reach and conversion: who campaign messages reached, and who enrolled soon after.

Definition, for the messages of a kind (`campaign` for campaigns) sent or failed in the 12 months before the
period end: recipients are the distinct learners with any delivery outcome; sent and failed count deliveries
(one message may go out on several channels); a recipient converted when they got a seat on any offering
within N days of their first such message (and before the period end). Segments are the learner's latest
dimensions: locality, sex (other and undisclosed together) or support category (overlapping).
Delivered and opened count deliveries the channel reported so (an SMS gateway's or the messaging app's
signed receipt; in-app: read in the inbox); e-mail reports neither (no open tracking), so they are lower
bounds of reach, not rates of it.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from reporting.domain.disclosure import MIN_CELL
from reporting.domain.protection import Line, protect
from reporting.domain.snapshot_differences import moved_by_a_few

ReachBreakdown = Literal["locality", "sex", "support_category"]
ALL = "all"
GNLC_BLOCK = "A vibrant culture of learning throughout life (GNLC key features, building block 6)"
MEASURES = ("recipients", "sent", "failed", "delivered", "opened", "converted")


@dataclass(frozen=True)
class ReachCounts:
    """The raw counts of one segment (before suppression)."""

    recipients: int
    sent: int
    failed: int
    converted: int
    delivered: int = 0
    opened: int = 0


@dataclass(frozen=True)
class ReachCell:
    """One published row; None where a count is withheld or not measured."""

    group: str
    recipients: int | None
    sent: int | None
    failed: int | None
    delivered: int | None
    opened: int | None
    converted: int | None
    conversion_rate: float | None


Figure = tuple[str, str]
"""A published count across snapshots: (segment, measure); the segment is `<by>/<group>`, or `all` (the
same everyone in every breakdown)."""


def _segment(by: str, group: str) -> str:
    return ALL if group == ALL else f"{by}/{group}"


def reach_figures(by: str, cells: Iterable[ReachCell]) -> dict[Figure, int | None]:
    """The counts of a published snapshot, keyed so that snapshots of any breakdown compare."""
    return {(_segment(by, c.group), m): getattr(c, m) for c in cells for m in MEASURES}


def reach_table(
    by: ReachBreakdown,
    groups: dict[str, ReachCounts],
    total: ReachCounts,
    published: Sequence[Mapping[Figure, int | None]] = (),
) -> list[ReachCell]:
    """Segments and the total, each measure suppressed on its own (complementary where segments add up);
    a small segment's conversions go with its recipients; a count that moved by a few since a `published`
    snapshot of an overlapping period is withheld too (see `snapshot_differences`)."""
    counts = {**groups, ALL: total}
    members = tuple(k for k in counts if k != ALL)
    lines = [Line(members, ALL, margin_first=True)] if by != "support_category" else []
    hidden: dict[str, set[str]] = {}
    for m in MEASURES:
        values = {k: getattr(c, m) for k, c in counts.items()}
        moved = moved_by_a_few({(_segment(by, k), m): n for k, n in values.items()}, published)
        hidden[m] = protect(values, lines, MIN_CELL, {k for k in values if (_segment(by, k), m) in moved})
    hidden["converted"] |= hidden["recipients"]
    if hidden["converted"] - {ALL} and lines:
        hidden["converted"].add(ALL)
    rows = [*sorted(groups.items()), (ALL, total)]
    return [_cell(k, c, {m for m in MEASURES if k in hidden[m]}) for k, c in rows]


def _cell(group: str, c: ReachCounts, withheld: set[str]) -> ReachCell:
    shown = {m: None if m in withheld else getattr(c, m) for m in MEASURES}
    recipients, converted = shown["recipients"], shown["converted"]
    rate = round(100 * converted / recipients, 4) if recipients and converted is not None else None
    return ReachCell(
        group,
        recipients,
        shown["sent"],
        shown["failed"],
        shown["delivered"],
        shown["opened"],
        converted,
        rate,
    )
