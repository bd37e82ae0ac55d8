"""The shipped reference tables are complete and consistent."""

import re

from refdata.ethnic_groups import ethnic_groups
from refdata.units import (
    hanoi_communes_pre2025,
    hanoi_districts_pre2025,
    hanoi_units_2025,
    search_key,
    successors_of_pre2025,
)


def test_hanoi_has_126_units_since_july_2025_51_wards_and_75_communes():
    units = hanoi_units_2025()

    assert len(units) == 126
    assert sum(u.unit_type == "ward" for u in units.values()) == 51
    assert sum(u.unit_type == "commune" for u in units.values()) == 75
    assert all(re.fullmatch(r"[0-9]{5}", code) for code in units)


def test_the_former_units_are_30_districts_and_526_communes():
    assert len(hanoi_districts_pre2025()) == 30
    assert len(hanoi_communes_pre2025()) == 526


def test_every_former_commune_maps_to_current_units_that_exist():
    successors, current = successors_of_pre2025(), hanoi_units_2025()

    assert set(successors) <= set(hanoi_communes_pre2025())
    assert all(set(new) <= set(current) for new in successors.values())
    assert set(current) <= {code for new in successors.values() for code in new}


def test_54_ethnic_groups_kinh_is_not_a_minority_and_16_are_very_small():
    groups = ethnic_groups()

    assert len(groups) == 54
    assert not groups["01"].is_minority and groups["04"].is_minority
    assert sum(g.very_small for g in groups.values()) == 16


def test_both_tone_mark_spellings_search_alike():
    assert search_key("Phường Hòa Bình") == search_key("phường Hoà Bình") == "phuong hoa binh"
