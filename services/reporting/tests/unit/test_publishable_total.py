"""A single published figure is withheld when it is a small positive count."""

from reporting.domain.disclosure import MIN_CELL, publishable


def test_small_total_is_withheld():
    assert publishable(1) is None
    assert publishable(MIN_CELL - 1) is None


def test_zero_and_large_totals_are_published():
    assert publishable(0) == 0
    assert publishable(MIN_CELL) == MIN_CELL
