"""The rule against subtraction across overlapping snapshots, on the linked participation cells."""

from reporting.domain.participation_tables import linked_cells
from reporting.domain.snapshot_differences import moved_by_a_few


def test_a_cell_that_moved_by_a_few_since_a_published_snapshot_is_withheld() -> None:
    assert moved_by_a_few({"a": 14, "b": 7, "c": 20}, [{"a": 12, "b": 7, "c": 9}]) == {"a"}


def test_a_withheld_or_unpublished_earlier_value_cannot_be_subtracted() -> None:
    assert moved_by_a_few({"a": 14, "b": 9}, [{"a": None}]) == set()


def test_the_withheld_cell_takes_its_totals_with_it() -> None:
    counts = {("15-24", "female", "00004"): 14, ("15-24", "male", "00008"): 7}
    before = {("15-24", "female"): 12, ("15-24", "male"): 7, ("15-24", "all"): 19}

    grid, hidden = linked_cells(counts, [before])

    assert {("15-24", "female"), ("15-24", "all"), ("15-64", "all")} <= hidden
    assert ("15-24", "male") not in hidden and grid[("15-24", "male")] == 7
