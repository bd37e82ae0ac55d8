"""Writes the ILLUSTRATIVE population file: per 2025 commune code x sex x UIS age band, from assumptions.

Why it exists: no official population per 2025 ward or commune by sex and age band was found (see
`src/reporting/data/POPULATION_SOURCES.md`), yet the dashboard must show how rates look. Every figure it
writes is therefore labelled ILLUSTRATIVE in its source column, and the service reports `illustrative: true`
for any indicator computed with it. It is never to be used for reporting to UNESCO.

Inputs and assumptions (each stated, none hidden):
- City total: 8,053,663, GSO 2019 Population and Housing Census (reference date 1 April 2019), as quoted in
  POPULATION_SOURCES.md (official).
- Sex split: ASSUMED 50.4 % female, 49.6 % male (a round figure near the census's near-even sex ratio).
- Age structure: ASSUMED shares of the whole population, the same for both sexes: 15-24 13.5 %, 25-54 46.0 %,
  55-64 10.5 % (round figures of a population of Hanoi's type, not census tables).
- Per commune: ASSUMED equal shares of the 126 units of Resolution 1656/NQ-UBTVQH15 (codes from the shipped
  reference data); real units differ by an order of magnitude. Remainders go to the lowest codes first.

Run: `.venv/bin/python services/reporting/scripts/illustrative_population.py [OUTPUT]` (default: the shipped
file). The output is deterministic; a unit test checks the shipped file is what this script writes.
"""

import csv
import sys
from pathlib import Path

from refdata.units import hanoi_units_2025

CITY_TOTAL = 8_053_663
REFERENCE_DATE = "2019-04-01"
SEX_SHARES = {"female": 0.504, "male": 0.496}
BAND_SHARES = {"15-24": 0.135, "25-54": 0.460, "55-64": 0.105}
SOURCE = (
    "ILLUSTRATIVE, not official: GSO 2019 census city total 8,053,663 split by ASSUMED sex and age shares "
    "and ASSUMED equal shares per 2025 ward or commune (scripts/illustrative_population.py)"
)
DATA = Path(__file__).resolve().parents[1] / "src" / "reporting" / "data"
SHIPPED = DATA / "population_hanoi_illustrative.csv"
HEADER = ("area", "sex", "age_band", "population", "reference_date", "source")


def split_evenly(total: int, codes: list[str]) -> dict[str, int]:
    """`total` over `codes` in equal integer parts; the remainder one each to the lowest codes."""
    share, rest = divmod(total, len(codes))
    return {code: share + (1 if i < rest else 0) for i, code in enumerate(sorted(codes))}


def figures() -> dict[tuple[str, str, str], int]:
    """Population by (area, sex, band): communes, then the city as their sum, `all` sexes as F + M."""
    codes = sorted(hanoi_units_2025())
    out: dict[tuple[str, str, str], int] = {}
    for sex, sex_share in SEX_SHARES.items():
        for band, band_share in BAND_SHARES.items():
            for code, n in split_evenly(round(CITY_TOTAL * sex_share * band_share), codes).items():
                out[(code, sex, band)] = n
    for area in [*codes, "city"]:
        for band in BAND_SHARES:
            for sex in SEX_SHARES:
                if area == "city":
                    out[("city", sex, band)] = sum(out[(c, sex, band)] for c in codes)
            out[(area, "all", band)] = sum(out[(area, s, band)] for s in SEX_SHARES)
    out[("city", "all", "all")] = CITY_TOTAL
    return out


def write(path: Path) -> None:
    """Write the file, rows sorted (city first), with the ILLUSTRATIVE source on every row."""
    rows = sorted(figures().items(), key=lambda item: (item[0][0] != "city", item[0]))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows([*key, n, REFERENCE_DATE, SOURCE] for key, n in rows)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED)
