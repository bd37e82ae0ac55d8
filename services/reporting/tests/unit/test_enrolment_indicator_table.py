"""The enrolment indicator's table: the subtraction attack fails, small groups' outcomes stay hidden."""

from reporting.domain.enrolment_indicator import GroupCounts, enrolment_table


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
    cells = table("locality", {"00004": GroupCounts(9, 5)}, GroupCounts(9, 5))

    assert cells["00004"].benefits_granted is None and cells["00004"].completion_rate == 55.5556
