"""The published participation tables: counts by sex, age group and locality, no small cell disclosed."""

import itertools

from reporting.domain.participation_tables import by_age_group, by_locality, by_sex

POPULATION = {
    ("city", sex, band): n
    for sex, sizes in {"female": (100, 300, 100), "male": (100, 200, 100)}.items()
    for band, n in zip(("15-24", "25-54", "55-64"), sizes, strict=True)
}


def counts(*rows: tuple[str, str, str, int]) -> dict[tuple[str, str, str], int]:
    return {(band, sex, locality): n for band, sex, locality, n in rows}


def test_by_sex_gives_counts_rates_and_the_adjusted_gpi_per_age_group():
    table = by_sex(
        counts(
            ("15-24", "female", "00004", 30), ("15-24", "male", "00004", 10), ("25-54", "female", "00008", 60)
        ),
        POPULATION,
    )

    cell = {(c.age_group, c.sex): c for c in table.cells}
    assert (cell[("15-24", "female")].participants, cell[("15-24", "female")].rate) == (30, 30.0)
    assert (cell[("15-24", "male")].participants, cell[("15-24", "male")].rate) == (10, 10.0)
    assert table.gender_parity["15-24"] == round(2 - 10 / 30, 4)
    assert cell[("15-64", "all")].participants == 100
    assert cell[("15-64", "female")].population == 500


def test_by_sex_hides_a_small_cell_with_its_totals_and_keeps_female_and_male():
    table = by_sex(
        counts(
            ("15-24", "other", "00004", 2), ("15-24", "male", "00004", 12), ("15-24", "female", "00004", 9)
        ),
        POPULATION,
    )

    cell = {(c.age_group, c.sex): c.participants for c in table.cells}
    assert cell[("15-24", "other")] is None
    assert (cell[("15-24", "female")], cell[("15-24", "male")]) == (9, 12)
    assert cell[("15-24", "all")] is None  # else 'all' - female - male = other
    assert table.gender_parity["15-24"] is not None


def test_by_sex_lets_no_one_solve_the_table_for_a_small_cell():
    table = by_sex(
        counts(
            ("15-24", "female", "00004", 2), ("15-24", "male", "00004", 12), ("25-54", "male", "00004", 9)
        ),
        POPULATION,
    )

    values = {(c.age_group, c.sex): c.participants for c in table.cells}
    assert values[("15-24", "female")] is None
    assert feasible(values, ("15-24", "female")) == {1, 2, 3, 4}


def feasible(values: dict[tuple[str, str], int | None], target: tuple[str, str]) -> set[int]:
    """Brute force: every value of `target` consistent with all published rows and columns."""
    hidden = [k for k, v in values.items() if v is None]
    ranges = [range(1, 5) if k == target else range(0, 30) for k in hidden]
    rows, columns = ("15-24", "25-54", "55-64", "15-64"), ("female", "male", "other", "all")
    found = set()
    for combo in itertools.product(*ranges):
        v = {**values, **dict(zip(hidden, combo, strict=True))}
        if all(sum(v[(g, s)] for s in columns[:3]) == v[(g, "all")] for g in rows) and all(
            sum(v[(g, s)] for g in rows[:3]) == v[("15-64", s)] for s in columns
        ):
            found.add(v[target])
    return found


def test_people_outside_15_to_64_are_not_counted():
    table = by_age_group(counts(("0-14", "male", "00004", 9), ("65+", "female", "00004", 9)), POPULATION)

    assert [c.participants for c in table.cells] == [0, 0, 0, 0]


def test_by_locality_counts_each_ward_and_has_no_rate_without_local_population():
    table = by_locality(
        counts(("15-24", "female", "00004", 7), ("25-54", "male", "00004", 6), ("25-54", "male", "00008", 9)),
        POPULATION,
    )

    assert [(c.locality_code, c.participants, c.rate) for c in table.cells] == [
        ("00004", 13, None),
        ("00008", 9, None),
        ("all", 22, None),  # the city has no 'all sexes' population here
    ]


def test_by_locality_hides_a_small_ward_with_another_and_keeps_the_total():
    table = by_locality(
        counts(
            ("25-54", "female", "00004", 3), ("25-54", "female", "00008", 9), ("25-54", "male", "00025", 20)
        ),
        POPULATION,
    )

    assert [c.participants for c in table.cells] == [None, None, 20, 32]


def test_by_locality_withholds_the_city_total_that_the_table_by_sex_withholds():
    table = by_locality(
        counts(
            ("15-24", "female", "00004", 3), ("25-54", "male", "00008", 9), ("25-54", "male", "00025", 20)
        ),
        POPULATION,
    )

    # by sex, 15-64 of all sexes (32) goes with the 3 young women: published here, it would give them back
    assert [c.participants for c in table.cells] == [None, 9, 20, None]


def test_the_subtraction_across_the_tables_by_sex_and_by_age_group_fails():
    linked = counts(
        ("15-24", "other", "00004", 2), ("15-24", "male", "00004", 12), ("15-24", "female", "00004", 9)
    )
    sexes = {(c.age_group, c.sex): c.participants for c in by_sex(linked, POPULATION).cells}
    ages = {c.age_group: c.participants for c in by_age_group(linked, POPULATION).cells}
    wards = {c.locality_code: c.participants for c in by_locality(linked, POPULATION).cells}

    assert sexes[("15-24", "other")] is None and sexes[("15-24", "female")] == 9
    # 23 young people by age group (or the city by locality) - 9 women - 12 men would be the 2 others
    assert ages["15-24"] is None and ages["15-64"] is None
    assert wards["all"] is None
