"""SDG 4.3.1 arithmetic: period, rate, adjusted gender parity index and denominators."""

from datetime import date

import pytest
from reporting.domain.participation import (
    adjusted_gender_parity_index,
    denominator,
    participation_rate,
    previous_twelve_months,
)


def test_the_period_is_the_twelve_months_before_the_reference_date():
    assert previous_twelve_months(date(2026, 7, 1)) == (date(2025, 7, 1), date(2026, 7, 1))
    assert previous_twelve_months(date(2028, 2, 29)) == (date(2027, 2, 28), date(2028, 2, 29))


def test_the_rate_is_per_hundred_and_unknown_without_a_denominator():
    assert participation_rate(25, 200) == 12.5
    assert participation_rate(25, None) is None
    assert participation_rate(25, 0) is None
    assert participation_rate(None, 200) is None


@pytest.mark.parametrize(
    ("female", "male", "gpi"),
    [(20.0, 40.0, 0.5), (40.0, 20.0, 1.5), (30.0, 30.0, 1.0), (60.0, 15.0, 1.75)],
)
def test_the_adjusted_gpi_is_symmetric_around_one_and_below_two(female, male, gpi):
    assert adjusted_gender_parity_index(female, male) == gpi


def test_the_adjusted_gpi_needs_both_rates_and_a_male_rate_above_zero():
    assert adjusted_gender_parity_index(None, 10.0) is None
    assert adjusted_gender_parity_index(10.0, 0.0) is None


def test_an_age_group_denominator_is_the_sum_of_its_bands_or_unknown():
    population = {("city", "female", "15-24"): 10, ("city", "female", "25-54"): 30}

    assert denominator(population, "city", "female", "15-24") == 10
    assert denominator(population, "city", "female", "15-64") is None  # 55-64 is missing
