"""The teacher roadmap's dated targets and the baseline of teachers below standard, read from CSV files.

The targets ship with their source (Decree 71/2020/ND-CP, `data/teacher_roadmap.csv`: a new decree is a data
change); no official count of Hanoi's teachers below standard was found, so the baseline is a file the
department supplies (`REPORTING_TEACHER_BASELINE_FILE`) or the shipped ILLUSTRATIVE one
(`data/teacher_baseline_illustrative.csv`, see `data/TEACHER_BASELINE_SOURCES.md`) for demonstrations;
without either the shares stay null, never estimated.
"""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from reporting.domain.teacher_standard import Baseline, RoadmapTarget

DATA = Path(__file__).resolve().parents[1] / "data"
ROADMAP = DATA / "teacher_roadmap.csv"
BASELINES: dict[str, Path | None] = {"none": None, "illustrative": DATA / "teacher_baseline_illustrative.csv"}
"""The shipped baselines: none (shares null) or assumed figures whose every row's source says ILLUSTRATIVE."""
ILLUSTRATIVE_MARK = "ILLUSTRATIVE"
LEVEL = r"^(preschool|primary|lower_secondary|upper_secondary)$"


class TargetRow(BaseModel):
    """One dated target; a bad row stops the service at start-up."""

    phase: str = Field(min_length=1)
    level: str = Field(pattern=LEVEL)
    starts: date
    ends: date
    target_percent: float = Field(gt=0, le=100)
    source: str = Field(min_length=1)


class BaselineRow(BaseModel):
    """Teachers of a level below its standard on a day, with where the figure comes from."""

    level: str = Field(pattern=LEVEL)
    teachers: int = Field(ge=0)
    reference_date: date
    source: str = Field(min_length=1)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class TeacherReference:
    """The targets and (when supplied) the baseline per level, read once."""

    targets: list[RoadmapTarget]
    baselines: dict[str, Baseline]

    @classmethod
    def read(cls, baseline: Path | None = None, roadmap: Path = ROADMAP) -> "TeacherReference":
        """Read and check the files; two baseline rows for one level are refused."""
        targets = [TargetRow.model_validate(r) for r in _rows(roadmap)]
        rows = [BaselineRow.model_validate(r) for r in _rows(baseline)] if baseline else []
        baselines = {r.level: Baseline(r.level, r.teachers, r.reference_date, r.source) for r in rows}
        if len(baselines) != len(rows):
            raise ValueError("teacher baseline file has two rows for one level")
        return cls(
            [RoadmapTarget(t.phase, t.level, t.starts, t.ends, t.target_percent, t.source) for t in targets],
            baselines,
        )

    @property
    def illustrative(self) -> bool:
        """True when any baseline figure is assumed, not official (responses must say so)."""
        return any(ILLUSTRATIVE_MARK in b.source for b in self.baselines.values())

    @property
    def sources(self) -> tuple[str, ...]:
        """Where the targets and the baseline come from, one line each."""
        baseline = {f"{b.source} (reference date {b.reference_date})" for b in self.baselines.values()}
        return tuple(sorted({t.source for t in self.targets} | baseline))
