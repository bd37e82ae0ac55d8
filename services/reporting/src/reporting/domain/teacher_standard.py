"""Teacher standardisation: teachers below the standard of their level brought up to it (Decree 71/2020).

Definition, per teaching level, as of the period end (exclusive), since the roadmap began (1 July 2020):
- in an upgrade programme: teachers holding a seat on an upgrading programme of the level (an offering open
  only to teachers of that level below its standard), not withdrawn or dropped, and not yet at the standard;
- attained: teachers who reached the level's standard (`teacher.standard_attained.v1`);
- each, and in training or done (the two together, disjoint by construction), as a share of the teachers
  who need upgrading (a configured, dated figure with its source: no event carries a teacher's
  qualification), next to the roadmap's target in force on the last day of the period.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from reporting.domain.disclosure import MIN_CELL
from reporting.domain.protection import Line, protect
from reporting.domain.snapshot_differences import moved_by_a_few

LEVELS = ("preschool", "primary", "lower_secondary", "upper_secondary")
ALL = "all"
ROADMAP_START = date(2020, 7, 1)
IN_PROGRAMME, ATTAINED, IN_TRAINING_OR_DONE = "in_programme", "attained", "in_training_or_done"
GNLC_BLOCK = "Enhanced quality in learning (GNLC key features, building block 5)"


@dataclass(frozen=True)
class TeacherAttainment:
    """A teacher reached the standard of a level on a day."""

    learner_id: UUID
    level: str
    attained_on: date


@dataclass(frozen=True)
class RoadmapTarget:
    """A dated target: by `ends`, at least `percent` of the level's teachers needing upgrading trained or
    in training."""

    phase: str
    level: str
    starts: date
    ends: date
    percent: float
    source: str


@dataclass(frozen=True)
class Baseline:
    """Teachers of a level below its standard (who need upgrading), as counted on a day, with the source."""

    level: str
    teachers: int
    reference_date: date
    source: str


@dataclass(frozen=True)
class TeacherCell:
    """One published row; None where a count is withheld or a figure unknown."""

    level: str
    below_standard: int | None
    in_programme: int | None
    attained: int | None
    in_training_or_done: int | None
    percent: float | None
    target_percent: float | None
    target_phase: str | None
    target_by: date | None
    in_programme_percent: float | None = None
    attained_percent: float | None = None


TeacherCounts = dict[tuple[str, str], int]
"""Distinct teachers by (level, IN_PROGRAMME or ATTAINED)."""
MEASURES = (IN_PROGRAMME, ATTAINED, IN_TRAINING_OR_DONE)
Figures = Mapping[tuple[str, str], int | None]
"""A published snapshot's counts by (level, measure)."""


def published_figures(cells: Iterable[TeacherCell]) -> dict[tuple[str, str], int | None]:
    """The counts of a published snapshot, keyed as `teacher_table` keys them."""
    return {(c.level, m): getattr(c, m) for c in cells for m in MEASURES}


def target_on(targets: list[RoadmapTarget], level: str, day: date) -> RoadmapTarget | None:
    """The target of the level in force on a day (the phase whose dates contain it), if any."""
    return next((t for t in targets if t.level == level and t.starts <= day <= t.ends), None)


def teacher_table(
    counts: TeacherCounts,
    baselines: Mapping[str, Baseline],
    targets: list[RoadmapTarget],
    last_day: date,
    published: Sequence[Figures] = (),
) -> list[TeacherCell]:
    """Levels and their total, small counts suppressed with complementary suppression across the table.

    The counts are cumulative, so every other snapshot overlaps this one: a count that moved by a few
    since any `published` one is withheld too (see `snapshot_differences`).
    """
    grid = {(lvl, m): counts.get((lvl, m), 0) for lvl in LEVELS for m in (IN_PROGRAMME, ATTAINED)}
    for lvl in LEVELS:
        grid[(lvl, IN_TRAINING_OR_DONE)] = grid[(lvl, IN_PROGRAMME)] + grid[(lvl, ATTAINED)]
    for m in (IN_PROGRAMME, ATTAINED, IN_TRAINING_OR_DONE):
        grid[(ALL, m)] = sum(grid[(lvl, m)] for lvl in LEVELS)
    measures = (IN_PROGRAMME, ATTAINED)
    lines = [Line(tuple((lvl, m) for m in measures), (lvl, IN_TRAINING_OR_DONE)) for lvl in (*LEVELS, ALL)]
    lines += [Line(tuple((lvl, m) for lvl in LEVELS), (ALL, m)) for m in (*measures, IN_TRAINING_OR_DONE)]
    hidden = protect(grid, lines, MIN_CELL, moved_by_a_few(grid, published))
    cells = [
        _cell(lvl, grid, hidden, baselines.get(lvl), target_on(targets, lvl, last_day)) for lvl in LEVELS
    ]
    known = [baselines[lvl] for lvl in LEVELS if lvl in baselines]
    total = Baseline(ALL, sum(b.teachers for b in known), last_day, "") if len(known) == len(LEVELS) else None
    return [*cells, _cell(ALL, grid, hidden, total, None)]


def _cell(
    level: str,
    grid: Mapping[tuple[str, str], int],
    hidden: set[tuple[str, str]],
    baseline: Baseline | None,
    target: RoadmapTarget | None,
) -> TeacherCell:
    shown = {m: None if (level, m) in hidden else grid[(level, m)] for m in (IN_PROGRAMME, ATTAINED)}
    done = None if (level, IN_TRAINING_OR_DONE) in hidden else grid[(level, IN_TRAINING_OR_DONE)]
    below = baseline.teachers if baseline else None
    return TeacherCell(
        level,
        below,
        shown[IN_PROGRAMME],
        shown[ATTAINED],
        done,
        _share(done, below),
        target.percent if target else None,
        target.phase if target else None,
        target.ends if target else None,
        _share(shown[IN_PROGRAMME], below),
        _share(shown[ATTAINED], below),
    )


def _share(count: int | None, below: int | None) -> float | None:
    """Per 100 teachers below standard; None when the count is withheld or the baseline unknown."""
    return round(100 * count / below, 4) if count is not None and below else None
