"""One roadmap: reporting's dated targets file says what enrolment's Decree 71/2020 table says."""

from enrolment.domain.teacher import ROADMAP
from reporting.adapters.teacher_roadmap_file import TeacherReference


def test_reporting_targets_are_the_enrolment_roadmap():
    enrolment = {
        (phase.name, level.value, phase.starts, phase.ends, round(100 * share, 4))
        for phase in ROADMAP
        for level, share in phase.targets.items()
    }
    reporting = {(t.phase, t.level, t.starts, t.ends, t.percent) for t in TeacherReference.read().targets}

    assert reporting == enrolment
