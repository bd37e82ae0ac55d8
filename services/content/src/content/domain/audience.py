"""Who a course is for: eligibility rules a learner must all pass (no rules: everyone)."""

from dataclasses import dataclass
from typing import Any, Final

TEACHER_LEVELS: Final = frozenset({"preschool", "primary", "lower_secondary", "upper_secondary"})
LEARNER_TYPES: Final = frozenset({"resident", "teacher", "public_employee", "industrial_worker", "student"})


class AudienceInvalid(ValueError):
    """An audience rule that cannot hold (answered as HTTP 422 `audience-invalid`)."""

    status, title, kind = 422, "Audience rule invalid", "audience-invalid"
    field = "audience"


@dataclass(frozen=True)
class AgeBetween:
    """Learners of these ages on the start date, e.g. 15-18 for young people streamed into vocations."""

    min_age: int
    max_age: int

    def check(self) -> None:
        """Refuse an empty or impossible age range."""
        if not 0 <= self.min_age <= self.max_age <= 130:
            raise AudienceInvalid("an age range needs 0 <= min_age <= max_age <= 130")

    def tags(self) -> tuple[str, ...]:
        """Filter tags of the rule."""
        return ("age_between",)


@dataclass(frozen=True)
class TeachersBelowStandard:
    """Teachers of a level below its training standard (Decree 71/2020 upgrading programmes)."""

    level: str

    def check(self) -> None:
        """Refuse an unknown teaching level."""
        if self.level not in TEACHER_LEVELS:
            raise AudienceInvalid(f"teacher level must be one of {sorted(TEACHER_LEVELS)}")

    def tags(self) -> tuple[str, ...]:
        """Filter tags of the rule."""
        return ("teachers_below_standard", f"teachers_below_standard:{self.level}")


@dataclass(frozen=True)
class LearnerTypeIn:
    """Only learners of these types (public employees, industrial workers, ...)."""

    learner_types: tuple[str, ...]

    def check(self) -> None:
        """Refuse an empty or unknown list of types."""
        if not self.learner_types or not set(self.learner_types) <= LEARNER_TYPES:
            raise AudienceInvalid(f"learner types must be a non-empty subset of {sorted(LEARNER_TYPES)}")

    def tags(self) -> tuple[str, ...]:
        """Filter tags of the rule."""
        return self.learner_types


AudienceRule = AgeBetween | TeachersBelowStandard | LearnerTypeIn


def audience_tags(rules: tuple[AudienceRule, ...]) -> list[str]:
    """What the public `audience` filter matches: `all` for an open course, else each rule's tags."""
    return sorted({tag for rule in rules for tag in rule.tags()}) or ["all"]


def rule_as_dict(rule: AudienceRule) -> dict[str, Any]:
    """A rule as a tagged mapping (the shape the contract events and the API use)."""
    match rule:
        case AgeBetween():
            return {"rule": "age_between", "min_age": rule.min_age, "max_age": rule.max_age}
        case TeachersBelowStandard():
            return {"rule": "teachers_below_standard", "level": rule.level}
        case LearnerTypeIn():
            return {"rule": "learner_type_in", "learner_types": list(rule.learner_types)}


def rule_from_dict(doc: dict[str, Any]) -> AudienceRule:
    """The rule a tagged mapping describes."""
    match doc["rule"]:
        case "age_between":
            return AgeBetween(int(doc["min_age"]), int(doc["max_age"]))
        case "teachers_below_standard":
            return TeachersBelowStandard(str(doc["level"]))
    return LearnerTypeIn(tuple(str(t) for t in doc["learner_types"]))
