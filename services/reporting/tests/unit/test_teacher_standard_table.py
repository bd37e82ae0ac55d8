"""The teacher-standardisation table: suppression across levels and measures, shares and dated targets."""

from datetime import date

from reporting.adapters.teacher_roadmap_file import TeacherReference
from reporting.domain.teacher_standard import ATTAINED, IN_PROGRAMME, Baseline, teacher_table

REFERENCE = TeacherReference.read()


def table(counts, baselines=None, day=date(2025, 12, 31)):
    return {c.level: c for c in teacher_table(counts, baselines or {}, REFERENCE.targets, day)}


def test_large_counts_are_published_with_their_share_of_the_baseline_and_the_target():
    counts = {("primary", IN_PROGRAMME): 30, ("primary", ATTAINED): 20, ("preschool", IN_PROGRAMME): 12}
    counts |= {("preschool", ATTAINED): 9}
    cells = table(counts, {"primary": Baseline("primary", 200, date(2025, 6, 30), "fixture")})

    primary = cells["primary"]
    assert (primary.in_programme, primary.attained, primary.in_training_or_done) == (30, 20, 50)
    assert (primary.percent, primary.target_percent, primary.target_by) == (25.0, 50.0, date(2025, 12, 31))
    assert cells["preschool"].percent is None  # no baseline: never estimated


def test_a_small_count_is_hidden_and_no_row_or_column_total_gives_it_back():
    counts = {("primary", IN_PROGRAMME): 30, ("primary", ATTAINED): 2, ("preschool", IN_PROGRAMME): 12}
    counts |= {("preschool", ATTAINED): 9}
    cells = table(counts)

    # 32 - 30 or 11 - 9 would give the 2 away: a 2 x 2 block is withheld, so that the published totals
    # (32, 21; 42, 11) fit primary attained = 1, 2, 3 or 4 alike
    shown = {lvl: (c.in_programme, c.attained, c.in_training_or_done) for lvl, c in cells.items()}
    assert shown["primary"] == (None, None, 32)
    assert shown["preschool"] == (None, None, 21)
    assert shown["all"] == (42, 11, 53)


def test_the_target_in_force_moves_with_the_phase_and_upper_secondary_has_none():
    cells = table({}, day=date(2026, 1, 31))

    assert (cells["preschool"].target_percent, cells["preschool"].target_phase) == (100.0, "phase 2")
    assert cells["upper_secondary"].target_percent is None
    assert table({}, day=date(2031, 1, 31))["primary"].target_percent is None  # after the roadmap
