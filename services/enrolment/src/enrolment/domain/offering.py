"""Offerings as enrolment sees them: seats (some reserved for support-policy learners), status, audience."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from enrolment.domain.dimensions import Dimensions, LearnerType
from enrolment.domain.teacher import TeacherLevel, TeacherProfile


class OfferingStatus(StrEnum):
    """Whether an offering takes enrolments."""

    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    RETIRED = "retired"


@dataclass(frozen=True)
class Applicant:
    """What the rules may look at: the learner's dimensions, age and teacher profile (never their name)."""

    learner_id: UUID
    dimensions: Dimensions
    age: int
    teacher: TeacherProfile | None = None

    @property
    def supported(self) -> bool:
        """True when the learner is in a support-policy category (may use a reserved seat)."""
        return bool(self.dimensions.support_categories)


class AudienceRule(Protocol):
    """One eligibility rule; `refusal` says why an applicant fails it, or None."""

    @property
    def name(self) -> str:
        """The rule's name, as a refusal names it."""
        ...

    def refusal(self, applicant: Applicant) -> str | None:
        """None when the applicant passes."""
        ...


@dataclass(frozen=True)
class AgeBetween:
    """Only learners of these ages (e.g. 15-18 for vocational streaming)."""

    low: int
    high: int
    name: str = "age"

    def refusal(self, applicant: Applicant) -> str | None:
        """Outside the ages: refused."""
        ok = self.low <= applicant.age <= self.high
        return None if ok else f"only learners aged {self.low}-{self.high}"


@dataclass(frozen=True)
class TeachersBelowStandard:
    """Only teachers of a level who do not meet its training standard (upgrading programmes)."""

    level: TeacherLevel
    name: str = "teachers-below-standard"

    def refusal(self, applicant: Applicant) -> str | None:
        """Not a teacher of the level, or already meeting the standard: refused."""
        t = applicant.teacher
        if (
            applicant.dimensions.learner_type is not LearnerType.TEACHER
            or t is None
            or t.level is not self.level
        ):
            return f"only {self.level} teachers"
        return "the teacher already meets the standard" if t.meets_standard else None


@dataclass(frozen=True)
class LearnerTypeIn:
    """Only learners of these types (e.g. public employees, industrial workers)."""

    learner_types: frozenset[LearnerType]
    name: str = "learner-type"

    def refusal(self, applicant: Applicant) -> str | None:
        """Another type of learner: refused."""
        if applicant.dimensions.learner_type in self.learner_types:
            return None
        return "only " + ", ".join(sorted(self.learner_types))


@dataclass
class Offering:
    """Seats: non-supported learners may fill at most `capacity - reserved`; supported ones any seat."""

    id: UUID
    capacity: int | None
    reserved: int = 0
    status: OfferingStatus = OfferingStatus.OPEN
    rules: tuple[AudienceRule, ...] = ()
    confirmed: int = 0
    confirmed_unsupported: int = 0
    events: list[object] = field(default_factory=list, compare=False)
    course_id: UUID | None = None
    starts_on: date | None = None  # ages are taken on this day (None: a standing offering, on the day asked)
    revision: int = 0  # content's revision; 0 for a standing offering opened from a v1 course
    ends_on: date | None = None

    def upgrades(self) -> TeacherLevel | None:
        """The teaching level whose upgrading programme this is (completing it meets the standard)."""
        return next((r.level for r in self.rules if isinstance(r, TeachersBelowStandard)), None)

    def eligibility_failure(self, applicant: Applicant) -> tuple[str, str] | None:
        """(rule name, reason) of the first rule the applicant fails, or None."""
        for rule in self.rules:
            reason = rule.refusal(applicant)
            if reason is not None:
                return rule.name, reason
        return None

    def has_seat_for(self, applicant: Applicant) -> bool:
        """True when a seat is free that this applicant may take."""
        if self.capacity is None:
            return True
        if self.confirmed >= self.capacity:
            return False
        return applicant.supported or self.confirmed_unsupported < self.capacity - self.reserved

    def take_seat(self, applicant: Applicant) -> None:
        """Count a confirmed place."""
        self.confirmed += 1
        self.confirmed_unsupported += not applicant.supported

    def free_seat(self, applicant: Applicant) -> None:
        """A confirmed place was given up."""
        self.confirmed -= 1
        self.confirmed_unsupported -= not applicant.supported
