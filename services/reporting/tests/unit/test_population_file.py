"""Population denominators come from a checked file that names the source of every figure."""

import pytest
from pydantic import ValidationError
from reporting.adapters.population_file import FilePopulation

HEADER = "area,sex,age_band,population,reference_date,source\n"


def test_the_shipped_file_holds_the_2019_census_total_with_its_source():
    shipped = FilePopulation.read()

    assert shipped.figures == {("city", "all", "all"): 8053663}
    assert "2019 Population and Housing Census" in shipped.sources[0]


def test_two_rows_for_one_cell_are_refused(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(HEADER + "city,male,15-24,10,2026-01-01,a\ncity,male,15-24,11,2026-01-01,b\n")

    with pytest.raises(ValueError, match="two rows"):
        FilePopulation.read(path)


@pytest.mark.parametrize(
    "row",
    ["city,male,15-24,-1,2026-01-01,a", "hanoi,male,15-24,1,2026-01-01,a", "city,male,15-24,1,2026-01-01,"],
)
def test_a_negative_figure_an_unknown_area_or_a_missing_source_is_refused(tmp_path, row):
    path = tmp_path / "p.csv"
    path.write_text(HEADER + row + "\n")

    with pytest.raises(ValidationError):
        FilePopulation.read(path)
