"""The training standard per level (Education Law 2019 art. 72) and the upgrading roadmap."""

from datetime import date
from uuid import uuid4

import pytest
from enrolment.domain.teacher import (
    Qualification,
    TeacherLevel,
    TeacherProfile,
    TeacherRefused,
    TeacherStandardAttained,
    roadmap_phase,
)

Q, L = Qualification, TeacherLevel


@pytest.mark.parametrize(
    ("level", "qualification", "meets"),
    [
        (L.PRESCHOOL, Q.INTERMEDIATE_PEDAGOGY, False),
        (L.PRESCHOOL, Q.COLLEGE_PEDAGOGY, True),
        (L.PRIMARY, Q.COLLEGE_PEDAGOGY, False),
        (L.PRIMARY, Q.BACHELOR_PEDAGOGY, True),
        (L.LOWER_SECONDARY, Q.BACHELOR_OTHER_FIELD, False),
        (L.LOWER_SECONDARY, Q.BACHELOR_OTHER_FIELD_WITH_PEDAGOGY_CERTIFICATE, True),
        (L.UPPER_SECONDARY, Q.POSTGRADUATE_PEDAGOGY, True),
    ],
)
def test_the_standard_depends_on_the_level(level, qualification, meets):
    assert TeacherProfile(uuid4(), level, qualification).meets_standard is meets


def test_completing_the_upgrade_of_ones_level_meets_the_standard_and_is_announced_once():
    teacher = TeacherProfile(uuid4(), L.PRIMARY, Q.COLLEGE_PEDAGOGY)

    teacher.complete_upgrade(L.PRIMARY, date(2026, 6, 30))
    teacher.complete_upgrade(L.PRIMARY, date(2026, 7, 30))

    assert teacher.meets_standard
    assert teacher.events == [TeacherStandardAttained(teacher.learner_id, L.PRIMARY, date(2026, 6, 30))]


def test_another_levels_programme_does_not_count():
    with pytest.raises(TeacherRefused):
        TeacherProfile(uuid4(), L.PRESCHOOL, Q.INTERMEDIATE_PEDAGOGY).complete_upgrade(
            L.PRIMARY, date(2026, 1, 1)
        )


@pytest.mark.parametrize(
    ("level", "qualification", "retires_on", "eligible"),
    [
        (L.PRESCHOOL, Q.INTERMEDIATE_PEDAGOGY, date(2027, 7, 2), True),  # 7 years left on 1 July 2020
        (L.PRESCHOOL, Q.INTERMEDIATE_PEDAGOGY, date(2027, 6, 1), False),
        (L.PRIMARY, Q.INTERMEDIATE_PEDAGOGY, date(2027, 7, 2), False),  # primary with intermediate: 8 years
        (L.PRIMARY, Q.INTERMEDIATE_PEDAGOGY, date(2028, 7, 2), True),
        (L.UPPER_SECONDARY, Q.COLLEGE_PEDAGOGY, None, False),  # not in the roadmap
        (L.PRIMARY, Q.BACHELOR_PEDAGOGY, None, False),  # meets the standard already
    ],
)
def test_roadmap_eligibility(level, qualification, retires_on, eligible):
    assert TeacherProfile(uuid4(), level, qualification, retires_on).roadmap_eligible is eligible


def test_the_roadmap_phase_of_a_day():
    assert roadmap_phase(date(2025, 12, 31)).name == "phase 1"
    assert roadmap_phase(date(2026, 1, 1)).targets[L.PRIMARY] == 1.0
    assert roadmap_phase(date(2031, 1, 1)) is None
