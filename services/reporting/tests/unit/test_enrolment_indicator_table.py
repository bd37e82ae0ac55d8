"""The enrolment indicator's table: the subtraction attack fails, small groups' outcomes stay hidden."""

from reporting.domain.enrolment_indicator import GroupCounts, align_totals, enrolment_table


def table(by, groups, total):
    return {c.group: c for c in enrolment_table(by, groups, total)}


def test_a_total_that_would_give_a_small_group_away_is_withheld():
    groups = {"female": GroupCounts(12, 6), "male": GroupCounts(7, 2), "other": GroupCounts(2, 0)}

    cells = table("sex", groups, GroupCounts(21, 8))

    assert (cells["female"].enrolments, cells["female"].completion_rate) == (12, 50.0)
    assert cells["other"].enrolments is None and cells["other"].completions is None
    assert cells["all"].enrolments is None and cells["all"].completions is None
    assert cells["male"].completions is None and cells["male"].completion_rate is None


def test_overlapping_support_categories_suppress_only_small_cells_and_count_benefits():
    groups = {"woman": GroupCounts(12, 6, 5), "disability": GroupCounts(3, 1, 3)}

    cells = table("support_category", groups, GroupCounts(30, 10, 8))

    assert (cells["woman"].enrolments, cells["woman"].benefits_granted) == (12, 5)
    assert cells["disability"].enrolments is None and cells["disability"].benefits_granted is None
    assert cells["all"].enrolments == 30  # categories overlap: no subtraction gives the small cell away
    assert cells["all"].benefits_granted is None  # benefits do add up: 8 - 5 would reveal 3


def test_a_grouping_without_benefits_publishes_none():
    cells = table("sex", {"female": GroupCounts(9, 5)}, GroupCounts(9, 5))

    assert cells["female"].benefits_granted is None and cells["female"].completion_rate == 55.5556


def test_benefits_by_locality_add_up_and_are_protected_like_any_count():
    groups = {"00004": GroupCounts(9, 5, 7), "00008": GroupCounts(8, 2, 2), "00025": GroupCounts(6, 1, 9)}

    cells = table("locality", groups, GroupCounts(23, 8, 18))

    assert cells["00004"].benefits_granted == 7 and cells["00008"].benefits_granted is None
    assert None in (cells["00025"].benefits_granted, cells["all"].benefits_granted)  # 18 - 7 - 9 = 2


def test_the_online_share_is_published_with_its_count_and_withheld_with_a_small_group():
    groups = {"female": GroupCounts(12, 6, 0, 9), "male": GroupCounts(7, 5, 0, 3), "other": GroupCounts(2, 0)}

    cells = table("sex", groups, GroupCounts(21, 11, 0, 12))

    assert (cells["female"].online_enrolments, cells["female"].online_share) == (9, 75.0)
    assert cells["male"].online_enrolments is None  # 3
    assert cells["other"].online_enrolments is None and cells["all"].online_enrolments is None


def test_a_total_withheld_by_one_breakdown_is_withheld_by_all():
    by_sex = enrolment_table(
        "sex",
        {"female": GroupCounts(12, 6), "male": GroupCounts(7, 5), "other": GroupCounts(2, 0)},
        GroupCounts(21, 11),
    )
    by_locality = enrolment_table(
        "locality", {"00004": GroupCounts(13, 6), "00008": GroupCounts(8, 5)}, GroupCounts(21, 11)
    )

    aligned = align_totals({"sex": by_sex, "locality": by_locality})

    totals = {by: next(c for c in cells if c.group == "all") for by, cells in aligned.items()}
    assert next(c for c in by_locality if c.group == "all").enrolments == 21  # alone, it would publish 21
    assert totals["locality"].enrolments is None and totals["locality"].completion_rate is None
    assert [c.enrolments for c in aligned["locality"] if c.group != "all"] == [13, 8]
