"""The published participation tables: counts by sex, age group and locality, no small cell disclosed."""

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


def test_by_sex_suppresses_a_small_cell_and_enough_others_that_no_total_reveals_it():
    table = by_sex(
        counts(
            ("15-24", "female", "00004", 2), ("15-24", "male", "00004", 40), ("25-54", "male", "00004", 50)
        ),
        POPULATION,
    )

    cell = {(c.age_group, c.sex): c.participants for c in table.cells}
    assert cell[("15-24", "female")] is None
    assert cell[("15-24", "male")] is None  # otherwise row total - male = female
    assert None in (cell[("15-64", "female")], cell[("25-54", "female")])  # column: 15-64 - 25-54 - 55-64
    assert table.gender_parity["15-24"] is None


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
            ("15-24", "female", "00004", 3), ("25-54", "male", "00008", 9), ("25-54", "male", "00025", 20)
        ),
        POPULATION,
    )

    assert [c.participants for c in table.cells] == [None, None, 20, 32]
