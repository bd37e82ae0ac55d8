"""Complementary suppression: an attacker who knows the rule and subtracts can recover no small cell."""

import itertools

import pytest
from reporting.domain.disclosure import MIN_CELL, suppress_one_way
from reporting.domain.protection import Line, protect


def feasible_values(counts: dict[str, int], published: dict[str, int | None], total: int | None):
    """Every value each hidden cell can take, given the published figures and the rule's bounds."""
    hidden = [k for k, v in published.items() if v is None]
    ranges = [range(1, MIN_CELL) if 0 < counts[k] < MIN_CELL else range(MIN_CELL, 80) for k in hidden]
    rest = None if total is None else total - sum(v for v in published.values() if v is not None)
    seen: dict[str, set[int]] = {k: set() for k in hidden}
    for combo in itertools.product(*ranges):
        if rest is None or sum(combo) == rest:
            for k, v in zip(hidden, combo, strict=True):
                seen[k].add(v)
    return seen


@pytest.mark.parametrize(
    "counts",
    [
        {"a": 1, "b": 1, "c": 50},  # the issue's example: publishing 52 and 50 says a = b = 1
        {"a": 4, "b": 4},
        {"a": 1, "b": 5, "c": 9},
        {"a": 2, "b": 30, "c": 7, "d": 12},
        {"a": 3, "b": 3, "c": 0, "d": 6},
        {"a": 1, "b": 4, "c": 5, "d": 20},
    ],
)
def test_subtracting_published_cells_from_the_total_narrows_no_small_cell(counts):
    table = suppress_one_way(counts)
    published = {c.key: c.count for c in table.cells}

    options = feasible_values(counts, published, table.total)

    for key, values in options.items():
        assert len(values) > 1
        if counts[key] < MIN_CELL:
            assert values == set(range(1, MIN_CELL))


def test_the_issues_example_hides_the_big_cell_and_keeps_the_total():
    table = suppress_one_way({"a": 1, "b": 1, "c": 50})

    assert [c.count for c in table.cells] == [None, None, None]
    assert table.total == 52


def test_a_total_made_of_small_cells_only_is_withheld():
    assert suppress_one_way({"a": 4, "b": 4}).total is None


def test_big_tables_keep_their_total_and_big_cells():
    table = suppress_one_way({"a": 2, "b": 30, "c": 7, "d": 12})

    assert [c.count for c in table.cells] == [None, 30, None, 12]
    assert table.total == 51


def test_a_cell_hidden_for_a_row_is_protected_in_its_column_too():
    # rows x, y; columns p, q; margins: x+, y+, +p, +q, ++
    counts = {"xp": 2, "xq": 20, "yp": 30, "yq": 40, "x+": 22, "y+": 70, "+p": 32, "+q": 60, "++": 92}
    lines = [
        Line(("xp", "xq"), "x+"),
        Line(("yp", "yq"), "y+"),
        Line(("xp", "yp"), "+p"),
        Line(("xq", "yq"), "+q"),
        Line(("x+", "y+"), "++"),
    ]

    hidden = protect(counts, lines, MIN_CELL)

    assert {"xp", "xq", "yp", "yq"} <= hidden  # each row and column has two hidden cells
