"""Naming a published cell for the drill-down: each breakdown's groups map to the rows behind them."""

import pytest
from reporting.domain.drill_down import CellUnknown, ParticipantFilter, participant_filter, participation_key

ALL_BANDS = ("15-24", "25-54", "55-64")


def test_a_locality_cell_is_every_band_of_that_locality_and_all_is_the_city():
    assert participant_filter("locality", "00004") == ParticipantFilter(ALL_BANDS, None, "00004")
    assert participant_filter("locality", "all") == ParticipantFilter(ALL_BANDS, None, None)


def test_an_age_group_cell_is_its_bands():
    assert participant_filter("age_group", "25-54") == ParticipantFilter(("25-54",), None, None)
    assert participant_filter("age_group", "15-64") == ParticipantFilter(ALL_BANDS, None, None)


def test_a_sex_cell_is_an_age_group_and_a_published_sex_column():
    assert participant_filter("sex", "15-24/female") == ParticipantFilter(("15-24",), ("female",), None)
    assert participant_filter("sex", "15-64/all") == ParticipantFilter(ALL_BANDS, None, None)


@pytest.mark.parametrize(
    ("by", "group"),
    [("sex", "15-64"), ("sex", "0-14/female"), ("sex", "15-24/undisclosed"), ("age_group", "65+")],
)
def test_a_group_the_breakdown_does_not_have_is_unknown(by, group):
    with pytest.raises(CellUnknown):
        participant_filter(by, group)


def test_the_key_of_a_published_cell_names_it_back():
    for by, cell in (("locality", ("15-64", "all", "00004")), ("age_group", ("25-54", "all", "all"))):
        key = participation_key(by, *cell)
        assert participant_filter(by, key).age_bands
    assert participation_key("sex", "15-24", "male", "all") == "15-24/male"
