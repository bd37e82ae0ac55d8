"""The shipped illustrative population file: what its script writes, labelled, complete and consistent."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

from refdata.units import hanoi_units_2025
from reporting.adapters.population_file import ILLUSTRATIVE, SHIPPED, FilePopulation

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "illustrative_population.py"


def test_the_shipped_file_is_exactly_what_its_script_writes(tmp_path):
    out = tmp_path / "population.csv"

    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True)

    assert out.read_bytes() == ILLUSTRATIVE.read_bytes()


def test_every_row_is_labelled_illustrative_and_the_file_is_flagged():
    population = FilePopulation.read(ILLUSTRATIVE)

    assert population.illustrative and population.name == "population_hanoi_illustrative.csv"
    assert all(source.startswith("ILLUSTRATIVE") for source in population.sources)
    assert not FilePopulation.read(SHIPPED).illustrative


def test_every_2025_commune_has_each_sex_and_band_and_they_add_up_to_the_city():
    figures = FilePopulation.read(ILLUSTRATIVE).figures
    communes = set(hanoi_units_2025())

    assert Counter(area for area, _, _ in figures if area != "city") == dict.fromkeys(communes, 9)
    for band in ("15-24", "25-54", "55-64"):
        for sex in ("female", "male", "all"):
            assert figures[("city", sex, band)] == sum(figures[(c, sex, band)] for c in communes)
        for area in (*communes, "city"):
            female, male = figures[(area, "female", band)], figures[(area, "male", band)]
            assert figures[(area, "all", band)] == female + male
    assert figures[("city", "all", "all")] == 8_053_663
