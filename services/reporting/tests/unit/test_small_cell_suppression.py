"""Statistical disclosure control: no published cell lets anyone single out a few learners."""

from reporting.domain.disclosure import MIN_CELL, Cell, suppress_small_cells


def published(counts: dict[str, int]) -> dict[str, int | None]:
    return {c.key: c.count for c in suppress_small_cells(counts)}


def test_the_threshold_is_five():
    assert MIN_CELL == 5


def test_cells_below_five_are_withheld_and_five_or_more_are_published():
    assert published({"a": 1, "b": 4, "c": 5, "d": 120}) == {"a": None, "b": None, "c": 5, "d": 120}


def test_a_zero_is_published_not_withheld():
    assert published({"a": 0, "b": 3, "c": 2, "d": 9}) == {"a": 0, "b": None, "c": None, "d": 9}


def test_a_single_small_cell_takes_the_next_smallest_with_it():
    assert published({"a": 2, "b": 30, "c": 7, "d": 12}) == {"a": None, "b": 30, "c": None, "d": 12}


def test_secondary_suppression_never_picks_a_zero():
    assert published({"a": 3, "z": 0, "b": 8, "c": 50}) == {"a": None, "z": 0, "b": None, "c": 50}


def test_nothing_is_suppressed_when_every_cell_is_big_enough():
    cells = suppress_small_cells({"b": 5, "a": 6, "c": 1000})

    assert cells == [Cell("a", 6), Cell("b", 5), Cell("c", 1000)]
    assert not any(c.suppressed for c in cells)


def test_a_withheld_cell_says_so():
    [cell] = suppress_small_cells({"a": 1})

    assert cell.suppressed and cell.count is None


def test_a_stricter_minimum_withholds_more():
    cells = suppress_small_cells({"a": 9, "b": 10, "c": 11}, minimum=10)

    assert [c.count for c in cells] == [None, None, 11]
