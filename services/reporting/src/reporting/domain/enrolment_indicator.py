"""The enrolment indicator: enrolments, completions, completion rate and benefits granted by a group.

Definition: an enrolment counts when it held a seat (confirmed on request or promoted from the waitlist)
in the 12 months before the period end; its completion counts when it completed (any outcome) before the
period end; the completion rate is completions per 100 of those enrolments; the online share is the
enrolments on online or distance offerings per 100 enrolments. Benefits granted are counted by the day they
were granted in the same period (by support category and by locality). Groups are the learner's dimensions
when they enrolled: sex (other and undisclosed together), locality, ethnic-minority flag, or support
category (a learner may be in several, so those cells do not add up to the total); or the offering's
course domain or delivery mode (`unknown` until the offering's event has arrived).

Vocational streaming (programme `vocational_streaming`): the same counts for young people aged 15-18 in
vocational training: enrolments of learners in the 15-24 band on vocational-training offerings whose
audience admits only ages within 15-18 (the age rule, checked by enrolment on the offering's start date).
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reporting.domain.disclosure import MIN_CELL
from reporting.domain.protection import Line, protect
from reporting.domain.snapshot_differences import moved_by_a_few

EnrolmentBreakdown = Literal[
    "sex", "locality", "support_category", "ethnic_minority", "domain", "delivery_mode"
]
Programme = Literal["all", "vocational_streaming"]
WITH_BENEFITS = ("support_category", "locality")
"""Breakdowns whose groups count benefits: a grant names its support category and its locality."""
ALL = "all"
GNLC_BLOCK = "Inclusive learning in the education system (GNLC key features, building block 1)"


@dataclass(frozen=True)
class GroupCounts:
    """The raw counts of one group (before suppression)."""

    enrolments: int
    completions: int
    benefits: int = 0
    online: int = 0


@dataclass(frozen=True)
class EnrolmentCell:
    """One published row: None where a count is withheld."""

    group: str
    enrolments: int | None
    completions: int | None
    completion_rate: float | None
    benefits_granted: int | None
    online_enrolments: int | None = None
    online_share: float | None = None


Figure = tuple[str, str]
"""A published count across snapshots: (segment, measure); the segment is `<by>/<group>`, or `all` (the
same enrolments in every breakdown)."""
MEASURES = {
    "enrolments": "enrolments",
    "completions": "completions",
    "online": "online_enrolments",
    "benefits": "benefits_granted",
}
"""Each count of a group and the published field that carries it."""


def _segment(by: str, group: str) -> str:
    return ALL if group == ALL else f"{by}/{group}"


def enrolment_figures(by: str, cells: Iterable[EnrolmentCell]) -> dict[Figure, int | None]:
    """The counts of a published snapshot, keyed so that snapshots of any breakdown compare."""
    return {(_segment(by, c.group), m): getattr(c, f) for c in cells for m, f in MEASURES.items()}


def enrolment_table(
    by: EnrolmentBreakdown,
    groups: dict[str, GroupCounts],
    total: GroupCounts,
    published: Sequence[Mapping[Figure, int | None]] = (),
) -> list[EnrolmentCell]:
    """The groups and the total, each measure suppressed on its own, complementary where cells add up; a
    count that moved by a few since a `published` snapshot of an overlapping period is withheld too."""
    counts = {**groups, ALL: total}
    additive = by != "support_category"  # support categories overlap: their cells are not a partition

    def moved(measure: str) -> set[str]:
        values = {(_segment(by, k), measure): getattr(c, measure) for k, c in counts.items()}
        figures = moved_by_a_few(values, published)
        return {k for k in counts if (_segment(by, k), measure) in figures}

    hidden_enrolments = _hide({k: c.enrolments for k, c in counts.items()}, additive, moved("enrolments"))
    hidden_completions = _hide({k: c.completions for k, c in counts.items()}, additive, moved("completions"))
    # A small group's completions would tell its members' outcomes (even a 0 does): withheld with its
    # enrolments, and then the total too, so that the published groups cannot give them back.
    hidden_completions |= hidden_enrolments
    if hidden_completions - {ALL}:
        hidden_completions.add(ALL)
    hidden_online = _hide({k: c.online for k, c in counts.items()}, additive, moved("online"))
    hidden_online |= hidden_enrolments
    if hidden_online - {ALL}:  # as for completions: the total would give a hidden group's back
        hidden_online.add(ALL)
    benefits = {k: c.benefits for k, c in counts.items()}
    hidden_benefits = _hide(benefits, True, moved("benefits"))  # one category per grant
    return [
        _online(
            _cell(k, c, by, k in hidden_enrolments, k in hidden_completions, k in hidden_benefits),
            None if k in hidden_online else c.online,
        )
        for k, c in [*sorted(groups.items()), (ALL, total)]
    ]


def _online(cell: EnrolmentCell, online: int | None) -> EnrolmentCell:
    share = round(100 * online / cell.enrolments, 4) if cell.enrolments and online is not None else None
    return replace(cell, online_enrolments=online, online_share=share)


def _hide(values: dict[str, int], additive: bool, forced: Collection[str]) -> set[str]:
    members = tuple(k for k in values if k != ALL)
    # The total goes first: the groups (the equity split) are the point of the table.
    lines = [Line(members, ALL, margin_first=True)] if additive else []
    return protect(values, lines, MIN_CELL, forced)


def _cell(
    group: str, c: GroupCounts, by: str, no_enrolments: bool, no_completions: bool, no_benefits: bool
) -> EnrolmentCell:
    enrolments = None if no_enrolments else c.enrolments
    completions = None if no_completions else c.completions
    rate = round(100 * completions / enrolments, 4) if enrolments and completions is not None else None
    benefits = None if no_benefits or by not in WITH_BENEFITS else c.benefits
    return EnrolmentCell(group, enrolments, completions, rate, benefits)


def align_totals(tables: dict[EnrolmentBreakdown, list[EnrolmentCell]]) -> dict[str, list[EnrolmentCell]]:
    """The breakdowns of one period with one `all` row: a total one table withholds is withheld in all.

    Why: every breakdown's `all` row is the same figure; published by locality but withheld by sex, it would
    give the sex table's hidden cell back (all - female - male = other).
    """
    totals = {by: next(c for c in cells if c.group == ALL) for by, cells in tables.items()}
    measures = ("enrolments", "completions", "online_enrolments")
    hidden = {m for m in measures if any(getattr(t, m) is None for t in totals.values())}
    if any(totals[by].benefits_granted is None for by in WITH_BENEFITS if by in totals):
        hidden.add("benefits_granted")
    return {
        by: [_withheld(c, hidden) if c.group == ALL else c for c in cells] for by, cells in tables.items()
    }


def _withheld(total: EnrolmentCell, measures: set[str]) -> EnrolmentCell:
    shown = {
        m: None if m in measures else getattr(total, m)
        for m in ("enrolments", "completions", "benefits_granted", "online_enrolments")
    }
    enrolments, completions = shown["enrolments"], shown["completions"]
    rate = total.completion_rate if completions is not None and enrolments else None
    cell = EnrolmentCell(total.group, enrolments, completions, rate, shown["benefits_granted"])
    return _online(cell, shown["online_enrolments"])
