"""Teachers and the training standard: Education Law 2019 art. 72 and the Decree 71/2020 upgrading roadmap."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID


class TeacherLevel(StrEnum):
    """The level a teacher teaches at."""

    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower_secondary"
    UPPER_SECONDARY = "upper_secondary"


class Qualification(StrEnum):
    """A teacher's highest training qualification."""

    INTERMEDIATE_PEDAGOGY = "intermediate_pedagogy"
    COLLEGE_PEDAGOGY = "college_pedagogy"
    BACHELOR_OTHER_FIELD = "bachelor_other_field"
    BACHELOR_OTHER_FIELD_WITH_PEDAGOGY_CERTIFICATE = "bachelor_other_field_with_pedagogy_certificate"
    BACHELOR_PEDAGOGY = "bachelor_pedagogy"
    POSTGRADUATE_PEDAGOGY = "postgraduate_pedagogy"


_BACHELOR_OR_ABOVE = frozenset(
    {
        Qualification.BACHELOR_PEDAGOGY,
        Qualification.BACHELOR_OTHER_FIELD_WITH_PEDAGOGY_CERTIFICATE,
        Qualification.POSTGRADUATE_PEDAGOGY,
    }
)
STANDARD: dict[TeacherLevel, frozenset[Qualification]] = {
    TeacherLevel.PRESCHOOL: frozenset(
        {Qualification.COLLEGE_PEDAGOGY, Qualification.BACHELOR_PEDAGOGY, Qualification.POSTGRADUATE_PEDAGOGY}
    ),
    TeacherLevel.PRIMARY: _BACHELOR_OR_ABOVE,
    TeacherLevel.LOWER_SECONDARY: _BACHELOR_OR_ABOVE,
    TeacherLevel.UPPER_SECONDARY: _BACHELOR_OR_ABOVE,
}
"""Education Law 2019 art. 72: the qualifications that meet the standard at each level (a table, not ifs)."""
UPGRADE_TO: dict[TeacherLevel, Qualification] = {
    TeacherLevel.PRESCHOOL: Qualification.COLLEGE_PEDAGOGY,
    TeacherLevel.PRIMARY: Qualification.BACHELOR_PEDAGOGY,
    TeacherLevel.LOWER_SECONDARY: Qualification.BACHELOR_PEDAGOGY,
    TeacherLevel.UPPER_SECONDARY: Qualification.BACHELOR_PEDAGOGY,
}
"""What the upgrading programme of each level awards."""


@dataclass(frozen=True)
class RoadmapPhase:
    """A dated target of the upgrading roadmap: the share of teachers needing it, trained or in training."""

    name: str
    starts: date
    ends: date
    targets: dict[TeacherLevel, float]


ROADMAP_START = date(2020, 7, 1)
ROADMAP: tuple[RoadmapPhase, ...] = (
    RoadmapPhase(
        "phase 1",
        ROADMAP_START,
        date(2025, 12, 31),
        {TeacherLevel.PRESCHOOL: 0.6, TeacherLevel.PRIMARY: 0.5, TeacherLevel.LOWER_SECONDARY: 0.6},
    ),
    RoadmapPhase(
        "phase 2",
        date(2026, 1, 1),
        date(2030, 12, 31),
        {TeacherLevel.PRESCHOOL: 1.0, TeacherLevel.PRIMARY: 1.0, TeacherLevel.LOWER_SECONDARY: 1.0},
    ),
)
"""Decree 71/2020/NĐ-CP (amended by Decree 311/2025/NĐ-CP): upper secondary is not in the roadmap."""
MIN_SERVICE_YEARS_LEFT = {TeacherLevel.PRESCHOOL: 7, TeacherLevel.PRIMARY: 7, TeacherLevel.LOWER_SECONDARY: 7}
"""Years of service left on 1 July 2020 to be eligible (8: primary teachers with an intermediate diploma)."""


class TeacherRefused(ValueError):
    """A teacher-profile change that breaks a rule; `field` names the offending input."""

    status, title, kind = 422, "Teacher profile refused", "teacher-profile-invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class TeacherStandardAttained:
    """Domain event: the teacher now meets the training standard of their level."""

    learner_id: UUID
    level: TeacherLevel
    attained_on: date


@dataclass
class TeacherProfile:
    """A learner who teaches: level, qualification, and where they stand on the roadmap."""

    learner_id: UUID
    level: TeacherLevel
    qualification: Qualification
    retires_on: date | None = None
    events: list[TeacherStandardAttained] = field(default_factory=list, compare=False)

    @property
    def meets_standard(self) -> bool:
        """True when the qualification is one the law accepts at this level."""
        return self.qualification in STANDARD[self.level]

    @property
    def roadmap_eligible(self) -> bool:
        """Below the standard, at a roadmap level, and with enough service left on 1 July 2020."""
        needed = MIN_SERVICE_YEARS_LEFT.get(self.level)
        if self.meets_standard or needed is None:
            return False
        if self.level is TeacherLevel.PRIMARY and self.qualification is Qualification.INTERMEDIATE_PEDAGOGY:
            needed = 8
        if self.retires_on is None:
            return True
        return (self.retires_on - ROADMAP_START).days >= needed * 365.25

    @property
    def required_qualifications(self) -> frozenset[Qualification]:
        """The qualifications that meet the standard at this level."""
        return STANDARD[self.level]

    def revise(
        self, level: TeacherLevel, qualification: Qualification, retires_on: date | None, on: date
    ) -> None:
        """Record a new level, qualification or retirement date; announce going from below to the standard."""
        was_met = self.meets_standard
        self.level, self.qualification, self.retires_on = level, qualification, retires_on
        if self.meets_standard and not was_met:
            self.events.append(TeacherStandardAttained(self.learner_id, self.level, on))

    def complete_upgrade(self, programme_level: TeacherLevel, on: date) -> None:
        """Completing the upgrading programme of one's own level makes one meet the standard."""
        if programme_level is not self.level:
            raise TeacherRefused(f"the programme is for {programme_level}, the teacher teaches {self.level}")
        if self.meets_standard:
            return
        self.qualification = UPGRADE_TO[self.level]
        self.events.append(TeacherStandardAttained(self.learner_id, self.level, on))


def roadmap_phase(on: date) -> RoadmapPhase | None:
    """The roadmap phase in force on a day, if any."""
    return next((p for p in ROADMAP if p.starts <= on <= p.ends), None)
