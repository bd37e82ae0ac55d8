"""Population denominators read from a CSV file shipped with its sources (see data/POPULATION_SOURCES.md)."""

import csv
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from reporting.domain.participation import Population

DATA = Path(__file__).resolve().parents[1] / "data"
SHIPPED = DATA / "population_hanoi.csv"
"""Official figures only (today just the city total): rates stay null where no official figure exists."""
ILLUSTRATIVE = DATA / "population_hanoi_illustrative.csv"
"""Assumed figures per 2025 commune, sex and age band (scripts/illustrative_population.py): every row's
source says ILLUSTRATIVE, so that rates show on a demo dashboard without passing for statistics."""
DATASETS = {"official": SHIPPED, "illustrative": ILLUSTRATIVE}
ILLUSTRATIVE_MARK = "ILLUSTRATIVE"


class PopulationRow(BaseModel):
    """One figure of the file; a bad row stops the service at start-up (no silent denominators)."""

    area: str = Field(pattern=r"^(city|[0-9]{5})$")
    sex: str = Field(pattern=r"^(female|male|all)$")
    age_band: str = Field(pattern=r"^(15-24|25-54|55-64|all)$")
    population: int = Field(ge=0)
    reference_date: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    source: str = Field(min_length=1)


@dataclass(frozen=True)
class FilePopulation:
    """The figures and their sources, read once."""

    figures: Population
    sources: tuple[str, ...]
    name: str = SHIPPED.name
    illustrative: bool = False
    """True when any row's source says ILLUSTRATIVE: the indicators must say their rates are not official."""

    @classmethod
    def read(cls, path: Path | None = None) -> "FilePopulation":
        """Read and check `path` (the shipped file by default); duplicate rows are refused."""
        with (path or SHIPPED).open(newline="", encoding="utf-8") as handle:
            rows = [PopulationRow.model_validate(r) for r in csv.DictReader(handle)]
        figures = {(r.area, r.sex, r.age_band): r.population for r in rows}
        if len(figures) != len(rows):
            raise ValueError("population file has two rows for one area, sex and age band")
        sources = tuple(sorted({f"{r.source} (reference date {r.reference_date})" for r in rows}))
        illustrative = any(ILLUSTRATIVE_MARK in r.source for r in rows)
        return cls(figures, sources, (path or SHIPPED).name, illustrative)
